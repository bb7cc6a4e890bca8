import { getTranslations } from 'next-intl/server';
import { localePath } from '@/lib/i18n/locales';
import { personalDocument } from '../_components/document';
import { personalRoute } from '../_components/personal';
import { buttonClass, Field, FormFeedback, inputClass } from '../_components/forms';
import { API } from '../_components/api-routes';

export const dynamic = 'force-dynamic';

export const GET = personalRoute({ access: 'anyone' }, async ({ tenant, locale, page, search }) => {
  const t = await getTranslations({ locale, namespace: 'auth' });
  const email = typeof search.email === 'string' ? search.email.slice(0, 254) : '';
  const callbackUrl = typeof search.callbackUrl === 'string' && /^\/(?!\/)/.test(search.callbackUrl) ? search.callbackUrl : localePath(locale, tenant.defaultLocale, '/account');
  return personalDocument(page, '/signin', {
    title: t('title'),
    body: (
      <section className="mx-auto w-full max-w-md px-4 py-12">
        <h1 className="font-heading text-3xl font-bold">{t('title')}</h1>
        <p className="mt-2 text-muted">{t('intro')}</p>
        <div className="mt-6"><FormFeedback locale={locale} search={search} /></div>
        <form method="post" action={API.signin} className="mt-6 flex flex-col gap-4">
          <input type="hidden" name="callbackUrl" value={callbackUrl} />
          <input type="hidden" name="locale" value={locale} />
          <input type="hidden" name="returnTo" value={localePath(locale, tenant.defaultLocale, '/signin')} />
          <Field label={t('email')}>
            <input type="email" name="email" required autoComplete="email" defaultValue={email} className={inputClass} />
          </Field>
          <button type="submit" className={buttonClass}>{t('send')}</button>
        </form>
      </section>
    ),
  });
});
