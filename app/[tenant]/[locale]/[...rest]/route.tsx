import { storefrontRoute } from '../_components/document';

// Cached like every storefront page, so probing random paths cannot force renders.
// Static, so Next caches it; the data it reads may expire it sooner (CACHE_TTL_SECONDS, tags).
// Not force-static: that hides the cookies a staff member's preview needs.
export const revalidate = 300;
export function generateStaticParams(): { tenant: string; locale: string; rest: string[] }[] {
  return [];
}

/** Any storefront path without a page of its own (including another host written as a path). */
export const GET = storefrontRoute(async () => null);
