import { getLocale, getTranslations } from 'next-intl/server';

export default async function StorefrontNotFound() {
  const t = await getTranslations();
  // `/<locale>` redirects to `/` when it is the storefront's default language.
  const home = `/${await getLocale()}`;
  return (
    <main className="flex min-h-screen flex-col items-center justify-center gap-4 bg-bg px-6 text-center text-ink">
      <h1 className="font-heading text-3xl font-bold">{t('notFound.title')}</h1>
      <p className="text-muted">{t('notFound.body')}</p>
      <a href={home} className="rounded-theme bg-primary px-5 py-2 text-primary-text">{t('notFound.back')}</a>
    </main>
  );
}
