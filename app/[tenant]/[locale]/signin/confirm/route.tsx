import { getTranslations } from 'next-intl/server';
import { localePath } from '@/lib/i18n/locales';
import { personalDocument } from '../../_components/document';
import { personalRoute } from '../../_components/personal';
import { buttonClass } from '../../_components/forms';
import { API } from '../../_components/api-routes';

export const dynamic = 'force-dynamic';

/**
 * Where the mailed link leads. Opening it changes nothing (mail scanners open links); the
 * person's click posts the token, and only that uses it up.
 */
export const GET = personalRoute({ access: 'anyone' }, async ({ tenant, locale, page, search }) => {
  const t = await getTranslations({ locale, namespace: 'auth' });
  const value = (k: string) => (typeof search[k] === 'string' ? (search[k] as string) : '');
  const complete = value('token') && value('email');
  return personalDocument(page, '/signin/confirm', {
    title: t('confirmTitle'),
    body: (
      <section className="mx-auto w-full max-w-md px-4 py-12">
        <h1 className="font-heading text-3xl font-bold">{t('confirmTitle')}</h1>
        {complete ? (
          <form method="post" action={API.signinConfirm} className="mt-6 flex flex-col gap-4">
            <p className="text-muted">{t('confirmBody', { store: tenant.name, email: value('email') })}</p>
            <input type="hidden" name="token" value={value('token')} />
            <input type="hidden" name="email" value={value('email')} />
            <input type="hidden" name="callbackUrl" value={value('callbackUrl')} />
            <input type="hidden" name="returnTo" value={localePath(locale, tenant.defaultLocale, '/signin')} />
            <button type="submit" className={buttonClass}>{t('confirm')}</button>
          </form>
        ) : (
          <p className="mt-4">
            {t('errorMissingLink')} <a className="text-primary underline" href={localePath(locale, tenant.defaultLocale, '/signin')}>{t('title')}</a>
          </p>
        )}
      </section>
    ),
  });
});
