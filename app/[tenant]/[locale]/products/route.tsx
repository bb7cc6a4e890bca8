import { parseListQuery } from '@/lib/catalog/browse';
import { storefrontRoute } from '../_components/document';
import { ProductListing, productListMetadata } from '../_components/product-listing';

// Free-text searches render per request (their data is read live from the full-text index).
// Browsing without a search is rewritten by the proxy to the cached ./browse.v1 route.
export const dynamic = 'force-dynamic';

export const GET = storefrontRoute(async ({ tenant, locale }, _params, request) => {
  const search = new URL(request.url).searchParams;
  const query: Record<string, string | string[]> = {};
  for (const key of new Set(search.keys())) {
    const values = search.getAll(key);
    query[key] = values.length > 1 ? values : values[0]!;
  }
  return {
    metadata: await productListMetadata(tenant, locale, '/products', { index: false }),
    body: <ProductListing tenant={tenant} locale={locale} query={parseListQuery(query)} />,
  };
});
