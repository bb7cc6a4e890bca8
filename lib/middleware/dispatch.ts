import { NextResponse, type NextRequest } from 'next/server';
import { platformDomain, publicOrigin } from '../config/platform';
import { getDb } from '../db';
import { resolveHostCached } from '../tenancy/resolve';
import { statusPage } from './status-pages';
import { rewriteToStorefront } from './storefront';

/** Set by the proxy for route handlers; any value a client sends is removed first. */
export const TENANT_HEADER = 'x-channelfront-tenant';

// A path that names an internal tenant segment (a tenant id, with or without a locale in front)
// is refused outright: only the proxy may choose the tenant, from the host.
const INTERNAL_SEGMENT = /^\/(?:[a-z]{2}\/)?[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(?:\/|$)/i;

export async function dispatch(request: NextRequest): Promise<Response> {
  const { pathname } = request.nextUrl;
  // Load balancers probe by IP, without a storefront host.
  if (pathname === '/api/health') return passThrough(request, null);

  const platform = platformDomain();
  const accept = request.headers.get('accept-language');
  const resolution = await resolveHostCached(getDb, request.headers.get('host'), platform);

  switch (resolution.kind) {
    case 'unknown':
      return statusPage('unknown-host', accept);
    case 'suspended':
      return statusPage('suspended', accept);
    case 'no-storefront':
      return statusPage('no-storefront', accept, withPort(publicOrigin(resolution.distributorHost), request));
    case 'redirect': {
      const url = new URL(`${pathname}${request.nextUrl.search}`, withPort(publicOrigin(resolution.host), request));
      return NextResponse.redirect(url, 308);
    }
    case 'storefront':
      break;
  }

  const { tenant } = resolution;
  if (INTERNAL_SEGMENT.test(pathname)) return new NextResponse('Not found', { status: 404 });

  if (pathname.startsWith('/api/')) return passThrough(request, tenant.id);
  if (request.nextUrl.searchParams.has('currency')) return chooseCurrency(request, tenant.currencies);
  return rewriteToStorefront(request, tenant);
}

export const CURRENCY_COOKIE = 'cf_currency';

/**
 * `?currency=EUR` remembers the visitor's currency in a cookie on this host and redirects to the
 * same page without the parameter: pages stay one cached document, and CSS shows the chosen
 * currency's prices (see the storefront layout). An unknown currency is ignored.
 */
function chooseCurrency(request: NextRequest, offered: string[]): NextResponse {
  const wanted = (request.nextUrl.searchParams.get('currency') ?? '').toUpperCase();
  const target = request.nextUrl.clone();
  target.searchParams.delete('currency');
  const response = NextResponse.redirect(target, 303);
  if (offered.includes(wanted)) {
    response.cookies.set(CURRENCY_COOKIE, wanted, { path: '/', maxAge: 60 * 60 * 24 * 365, sameSite: 'lax' });
  }
  return response;
}

/** Route handlers get the tenant from the proxy only; whatever a client sent is dropped. */
function passThrough(request: NextRequest, tenantId: string | null): NextResponse {
  const headers = new Headers(request.headers);
  headers.delete(TENANT_HEADER);
  if (tenantId) headers.set(TENANT_HEADER, tenantId);
  return NextResponse.next({ request: { headers } });
}

/** Keeps the port the visitor used (local development) unless PUBLIC_PORT says otherwise. */
function withPort(origin: string, request: NextRequest): string {
  if (process.env.PUBLIC_PORT) return origin;
  const port = /:(\d+)$/.exec(request.headers.get('host') ?? '')?.[1];
  return port ? `${origin}:${port}` : origin;
}
