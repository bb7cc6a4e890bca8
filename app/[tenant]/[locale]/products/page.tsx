import type { Metadata } from 'next';
import { parseListQuery } from '@/lib/catalog/browse';
import { ProductListing, productListMetadata } from '../_components/product-listing';
import { storefrontPage, type StorefrontParams } from '../_components/page-start';

// Free-text searches render per request (their data is read live from the full-text index).
// Browsing without a search is rewritten by the proxy to the cached ./browse.v1 route.
export const dynamic = 'force-dynamic';

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export async function generateMetadata({ params }: { params: StorefrontParams }): Promise<Metadata> {
  const { tenant, locale } = await storefrontPage(params);
  return productListMetadata(tenant, locale, '/products', { index: false });
}

export default async function ProductSearchPage({ params, searchParams }: { params: StorefrontParams; searchParams: SearchParams }) {
  const { tenant, locale } = await storefrontPage(params);
  return <ProductListing tenant={tenant} locale={locale} query={parseListQuery(await searchParams)} />;
}
