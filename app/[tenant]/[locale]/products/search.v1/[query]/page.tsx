import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { decodeSearch } from '@/lib/catalog/browse';
import { ProductListing, productListMetadata } from '../../../_components/product-listing';
import { storefrontPage } from '../../../_components/page-start';

type Params = Promise<{ tenant: string; locale: string; query: string }>;

// `/products?q=…` once the search is popular, as rewritten by the proxy: one cached page per
// tenant, locale, search words and filters (lib/catalog/browse.ts, lib/middleware/storefront.ts).
export function generateStaticParams(): { query: string }[] {
  return [];
}

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { tenant, locale } = await storefrontPage(params);
  return productListMetadata(tenant, locale, '/products', { index: false });
}

export default async function ProductSearchResultsPage({ params }: { params: Params }) {
  const { tenant, locale } = await storefrontPage(params);
  const search = decodeSearch((await params).query);
  if (!search) notFound();
  return <ProductListing tenant={tenant} locale={locale} query={{ ...search.query, q: search.words.join(' ') }} cachedPage />;
}
