import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { decodeBrowse, listPath } from '@/lib/catalog/browse';
import { ProductListing, productListMetadata } from '../../../_components/product-listing';
import { storefrontPage } from '../../../_components/page-start';

type Params = Promise<{ tenant: string; locale: string; filters: string }>;

// `/products?category=…&page=…` without a search, as rewritten by the proxy: one cached page per
// tenant, locale and filter set (lib/catalog/browse.ts).
export function generateStaticParams(): { filters: string }[] {
  return [];
}

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { tenant, locale } = await storefrontPage(params);
  const query = decodeBrowse((await params).filters);
  // Each filter set is its own page at its public address (`/products?category=security`).
  return productListMetadata(tenant, locale, query ? listPath(query) : '/products', { index: true });
}

export default async function ProductBrowsePage({ params }: { params: Params }) {
  const { tenant, locale } = await storefrontPage(params);
  const query = decodeBrowse((await params).filters);
  if (!query) notFound();
  return <ProductListing tenant={tenant} locale={locale} query={{ ...query, q: undefined }} />;
}
