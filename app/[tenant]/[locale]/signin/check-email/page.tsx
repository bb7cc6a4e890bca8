import { getTranslations } from 'next-intl/server';
import { StorefrontFrame } from '../../_components/storefront-frame';
import { storefrontPage, type StorefrontParams } from '../../_components/page-start';

export function generateStaticParams(): never[] {
  return [];
}

/** The same page whether or not the address is known, so it reveals nothing about accounts. */
export default async function CheckEmailPage({ params }: { params: StorefrontParams }) {
  const { tenant, locale } = await storefrontPage(params);
  const t = await getTranslations({ locale, namespace: 'auth' });
  return (
    <StorefrontFrame tenant={tenant} locale={locale} path="/signin/check-email">
      <section className="mx-auto w-full max-w-md px-4 py-12">
        <h1 className="font-heading text-3xl font-bold">{t('checkTitle')}</h1>
        <p className="mt-4 text-muted">{t('checkBody')}</p>
      </section>
    </StorefrontFrame>
  );
}
