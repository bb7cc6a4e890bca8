import { getLocale, getTranslations } from 'next-intl/server';

/** 403 for a signed-in person without the role a page needs (e.g. a customer opening /admin). */
export default async function StorefrontForbidden() {
  const t = await getTranslations();
  // `/<locale>/…` redirects to the unprefixed path in the storefront's default language.
  const account = `/${await getLocale()}/account`;
  return (
    <main className="flex min-h-screen flex-col items-center justify-center gap-4 bg-bg px-6 text-center text-ink" data-testid="no-access">
      <h1 className="font-heading text-3xl font-bold">{t('admin.title')}</h1>
      <p className="text-muted">{t('admin.noAccess')}</p>
      <a href={account} className="rounded-theme bg-primary px-5 py-2 text-primary-text">{t('account.title')}</a>
    </main>
  );
}
