import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { parseListQuery } from '@/lib/catalog/browse';
import { storefrontMetadata } from '@/lib/seo/metadata';
import { ProductListing } from '../_components/product-listing';
import { storefrontContext, type StorefrontParams } from '../_components/storefront';

// Free-text searches render per request (their data is read live from the full-text index).
// Browsing without a search is rewritten by the proxy to the cached ./browse.v1 route.
export const dynamic = 'force-dynamic';

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export async function generateMetadata({ params }: { params: StorefrontParams }): Promise<Metadata> {
  const { tenant, locale } = await storefrontContext(params);
  const t = await getTranslations({ locale, namespace: 'catalog' });
  const metadata = await storefrontMetadata(tenant, locale, '/products', { title: `${t('title')} · ${tenant.name}`, description: t('description', { store: tenant.name }) });
  // Search results are not a page of their own for search engines: the list is.
  return { ...metadata, robots: { index: false, follow: true } };
}

export default async function ProductSearchPage({ params, searchParams }: { params: StorefrontParams; searchParams: SearchParams }) {
  const { tenant, locale } = await storefrontContext(params);
  return <ProductListing tenant={tenant} locale={locale} query={parseListQuery(await searchParams)} />;
}
