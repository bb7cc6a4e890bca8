import { NextResponse, type NextRequest } from 'next/server';
import { BROWSE_SEGMENT, encodeBrowse, encodeSearch, parseListQuery, SEARCH_SEGMENT, searchWords } from '../catalog/browse';
import { TtlLru } from '../tenancy/lru';
import type { Tenant } from '../tenancy/types';

export interface LocaleRoute {
  kind: 'redirect' | 'rewrite';
  pathname: string;
}

/**
 * Maps a public storefront path to the internal route `/<tenant id>/<locale>/…`. The tenant's
 * default locale has no prefix (`/de/x` on a German-default store redirects to `/x`); another
 * enabled locale is a prefix; anything else is a path in the default locale (and 404s there if no
 * page matches). No detection from headers or cookies, so each page has one cacheable address.
 */
export function routeLocale(pathname: string, tenant: Pick<Tenant, 'id' | 'locales' | 'defaultLocale'>): LocaleRoute {
  const slash = pathname.indexOf('/', 1);
  const first = slash === -1 ? pathname.slice(1) : pathname.slice(1, slash);
  const rest = slash === -1 ? '' : pathname.slice(slash);
  if (first && tenant.locales.includes(first)) {
    if (first === tenant.defaultLocale) return { kind: 'redirect', pathname: rest || '/' };
    return { kind: 'rewrite', pathname: `/${tenant.id}/${first}${rest === '/' ? '' : rest}` };
  }
  return { kind: 'rewrite', pathname: `/${tenant.id}/${tenant.defaultLocale}${pathname === '/' ? '' : pathname}` };
}

export function rewriteToStorefront(request: NextRequest, tenant: Tenant): NextResponse {
  const route = routeLocale(request.nextUrl.pathname, tenant);
  const browse = browseTarget(route, request.nextUrl.searchParams, tenant);
  // Only the path changes; the origin stays the request's own, so the rewrite stays internal.
  // (Started with `-H 127.0.0.1`, Next 16 takes it for external, as NextURL spells that host
  // "localhost": bind to all interfaces or to `localhost` instead; see docs/architecture.md.)
  const target = request.nextUrl.clone();
  target.pathname = browse ?? route.pathname;
  if (browse) target.search = '';
  return route.kind === 'redirect' ? NextResponse.redirect(target, 308) : NextResponse.rewrite(target);
}

/**
 * The product list without a free-text search is served from a cached route whose path holds the
 * filters (`…/products/browse.v1/c.security_n.2`); its public URL keeps the query string. So is a
 * search once it is popular (`…/products/search.v1/q.microsoft.365`); other searches render per
 * request (null).
 */
function browseTarget(route: LocaleRoute, params: URLSearchParams, tenant: Pick<Tenant, 'id'>): string | null {
  if (route.kind !== 'rewrite') return null;
  const match = /^\/[^/]+\/([a-z]{2})\/products$/.exec(route.pathname);
  if (!match) return null;
  const { q, ...query } = parseListQuery(params);
  const words = q ? searchWords(q) : [];
  if (!words.length) return `/${tenant.id}/${match[1]}/products/${BROWSE_SEGMENT}/${encodeBrowse(query)}`;
  const segment = encodeSearch(words, query);
  return popularSearch(`${tenant.id}/${match[1]}/${segment}`) ? `/${tenant.id}/${match[1]}/products/${SEARCH_SEGMENT}/${segment}` : null;
}

// How often each search was asked for lately, per storefront and language. A search asked for
// again within the window is served from a cached page; the first time it renders per request.
// Bounded: a flood of one-off searches only pushes out other one-off searches' counts.
const KEY = Symbol.for('channelfront.searchCounts');
const POPULAR_AFTER = 2;

function popularSearch(key: string): boolean {
  const holder = globalThis as { [KEY]?: TtlLru<string, number> };
  const counts = (holder[KEY] ??= new TtlLru(20_000, 10 * 60 * 1000));
  const seen = (counts.get(key) ?? 0) + 1;
  counts.set(key, seen);
  return seen >= POPULAR_AFTER;
}
