import { decodeBrowse, listPath } from '@/lib/catalog/browse';
import { storefrontRoute } from '../../../_components/document';
import { ProductListing, productListMetadata } from '../../../_components/product-listing';

// `/products?category=…&page=…` without a search, as rewritten by the proxy: one cached page per
// tenant, locale and filter set (lib/catalog/browse.ts).
// Static, so Next caches it; the data it reads may expire it sooner (CACHE_TTL_SECONDS, tags).
// Not force-static: that hides the cookies a staff member's preview needs.
export const revalidate = 300;
export function generateStaticParams(): { tenant: string; locale: string; filters: string }[] {
  return [];
}

export const GET = storefrontRoute<{ filters: string }>(async ({ tenant, locale }, { filters }) => {
  const query = decodeBrowse(filters);
  if (!query) return null;
  return {
    // Each filter set is its own page at its public address (`/products?category=security`).
    metadata: await productListMetadata(tenant, locale, listPath(query), { index: true }),
    body: <ProductListing tenant={tenant} locale={locale} query={{ ...query, q: undefined }} />,
  };
});
