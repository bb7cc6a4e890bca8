import createMiddleware from 'next-intl/middleware';
import type { NextRequest, NextResponse } from 'next/server';
import type { Tenant } from '../tenancy/types';

type IntlMiddleware = (request: NextRequest) => NextResponse;

// One next-intl middleware per tenant locale configuration; tiny, so a plain bounded map will do.
const intlByConfig = new Map<string, IntlMiddleware>();

function intlFor(tenant: Tenant): IntlMiddleware {
  const key = `${tenant.defaultLocale}|${tenant.locales.join(',')}`;
  let middleware = intlByConfig.get(key);
  if (!middleware) {
    middleware = createMiddleware({
      locales: tenant.locales,
      defaultLocale: tenant.defaultLocale,
      localePrefix: 'as-needed',
      // The tenant's default language is what its reseller chose; URLs pick any other, so every
      // anonymous page has one canonical, cacheable address.
      localeDetection: false,
      localeCookie: false,
    });
    if (intlByConfig.size > 100) intlByConfig.clear();
    intlByConfig.set(key, middleware);
  }
  return middleware;
}

/**
 * Runs next-intl for the tenant, then prefixes its (possibly rewritten) path with the internal
 * tenant segment on the same response, so its headers survive. Redirects pass through untouched.
 */
export function rewriteToStorefront(request: NextRequest, tenant: Tenant): NextResponse {
  const response = intlFor(tenant)(request);
  if (response.headers.has('location')) return response;
  const rewritten = response.headers.get('x-middleware-rewrite');
  const internal = rewritten ? new URL(rewritten) : request.nextUrl;
  // Only the path changes; the origin stays the request's own, so the rewrite stays internal.
  // (Started with `-H 127.0.0.1`, Next 16 takes it for external, as NextURL spells that host
  // "localhost": bind to all interfaces or to `localhost` instead; docs/architecture.md.)
  const target = request.nextUrl.clone();
  target.pathname = `/${tenant.id}${internal.pathname}`;
  target.search = internal.search;
  response.headers.delete('x-middleware-next');
  response.headers.set('x-middleware-rewrite', target.toString());
  return response;
}
