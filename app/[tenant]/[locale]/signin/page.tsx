import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { localePath } from '@/lib/i18n/locales';
import { StorefrontFrame } from '../_components/storefront-frame';
import { storefrontPage, type StorefrontParams } from '../_components/page-start';
import { buttonClass, Field, FormFeedback, inputClass } from '../_components/forms';
import { API } from '../_components/api-routes';

export const dynamic = 'force-dynamic';

type Search = Promise<Record<string, string | string[] | undefined>>;

export async function generateMetadata({ params }: { params: StorefrontParams }): Promise<Metadata> {
  const { tenant, locale } = await storefrontPage(params);
  return { title: `${(await getTranslations({ locale }))('auth.title')} · ${tenant.name}`, robots: { index: false } };
}

export default async function SignInPage({ params, searchParams }: { params: StorefrontParams; searchParams: Search }) {
  const { tenant, locale } = await storefrontPage(params);
  const search = await searchParams;
  const t = await getTranslations({ locale, namespace: 'auth' });
  const email = typeof search.email === 'string' ? search.email.slice(0, 254) : '';
  const callbackUrl = typeof search.callbackUrl === 'string' && /^\/(?!\/)/.test(search.callbackUrl) ? search.callbackUrl : localePath(locale, tenant.defaultLocale, '/account');
  return (
    <StorefrontFrame tenant={tenant} locale={locale} path="/signin">
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
    </StorefrontFrame>
  );
}
