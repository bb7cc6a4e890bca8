import { decodeSearch } from '@/lib/catalog/browse';
import { storefrontRoute } from '../../../_components/document';
import { ProductListing, productListMetadata } from '../../../_components/product-listing';

// `/products?q=…` once the search is popular, as rewritten by the proxy: one cached page per
// tenant, locale, search words and filters (lib/catalog/browse.ts, lib/middleware/storefront.ts).
// Static, so Next caches it; the data it reads may expire it sooner (CACHE_TTL_SECONDS, tags).
// Not force-static: that hides the cookies a staff member's preview needs.
export const revalidate = 300;
export function generateStaticParams(): { tenant: string; locale: string; query: string }[] {
  return [];
}

export const GET = storefrontRoute<{ query: string }>(async ({ tenant, locale }, { query }) => {
  const search = decodeSearch(query);
  if (!search) return null;
  return {
    metadata: await productListMetadata(tenant, locale, '/products', { index: false }),
    body: <ProductListing tenant={tenant} locale={locale} query={{ ...search.query, q: search.words.join(' ') }} cachedPage />,
  };
});
