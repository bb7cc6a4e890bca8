import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { decodeSearch } from '@/lib/catalog/browse';
import { storefrontMetadata } from '@/lib/seo/metadata';
import { ProductListing } from '../../../_components/product-listing';
import { storefrontContext } from '../../../_components/storefront';

type Params = Promise<{ tenant: string; locale: string; query: string }>;

// `/products?q=…` once the search is popular, as rewritten by the proxy: one cached page per
// tenant, locale, search words and filters (lib/catalog/browse.ts, lib/middleware/storefront.ts).
export function generateStaticParams(): { query: string }[] {
  return [];
}

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { tenant, locale } = await storefrontContext(params);
  const t = await getTranslations({ locale, namespace: 'catalog' });
  const metadata = await storefrontMetadata(tenant, locale, '/products', { title: `${t('title')} · ${tenant.name}`, description: t('description', { store: tenant.name }) });
  return { ...metadata, robots: { index: false, follow: true } };
}

export default async function ProductSearchResultsPage({ params }: { params: Params }) {
  const { tenant, locale } = await storefrontContext(params);
  const search = decodeSearch((await params).query);
  if (!search) notFound();
  return <ProductListing tenant={tenant} locale={locale} query={{ ...search.query, q: search.words.join(' ') }} cachedPage />;
}
