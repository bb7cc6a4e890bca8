import { NextResponse, type NextRequest } from 'next/server';
import { platformDomain, publicOrigin } from '../config/platform';
import { settings } from '../config/settings';
import { getDb } from '../db';
import { hasSessionCookie } from '../identity/cookies';
import { normaliseHost } from '../input/host';
import { resolveHostCached } from '../tenancy/resolve';
import { DISALLOW_ALL } from '../seo/sitemap';
import { statusPage } from './status-pages';
import { rewriteToStorefront } from './storefront';
import { serviceModeRewrite } from './service-mode';
import { inServiceMode } from '../tenancy/types';
import { withSecurityHeaders } from './headers';
import { ORIGIN_HEADER, SIGNATURE_HEADER, TENANT_HEADER, sign } from '../http/trust';
import { CURRENCY_COOKIE } from '../pricing/currency';

export { TENANT_HEADER } from '../http/trust';

// Routes only the proxy rewrites to (their public URLs are elsewhere).
const INTERNAL_ROUTE = /^\/(?:[a-z]{2}\/)?(?:products\/browse\.v1|products\/search\.v1|seo\.v1|media\.v1)(?:\/|$)/;
// A path that names an internal tenant segment (a tenant id, with or without a locale in front)
// is refused outright: only the proxy may choose the tenant, from the host.
const INTERNAL_SEGMENT = /^\/(?:[a-z]{2}\/)?[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(?:\/|$)/i;

export async function dispatch(request: NextRequest): Promise<Response> {
  const host = normaliseHost(request.headers.get('host'));
  const https = publicOrigin(host ?? platformDomain()).startsWith('https:');
  return withSecurityHeaders(await route(request, host), https);
}

const CONTROL = /[\u0000-\u001f\u007f]/;

/** Why a request's URL cannot be served (malformed escapes, control characters), or null. */
export function malformedUrl(rawPath: string, search: string): string | null {
  let path: string;
  try {
    path = decodeURIComponent(rawPath);
  } catch {
    return 'The address contains a malformed %-escape.';
  }
  if (CONTROL.test(path)) return 'The address contains control characters.';
  try {
    for (const [key, value] of new URLSearchParams(search)) if (CONTROL.test(key) || CONTROL.test(value)) return 'The query contains control characters.';
  } catch {
    return 'The query string could not be read.';
  }
  return null;
}

async function route(request: NextRequest, host: string | null): Promise<Response> {
  const { pathname } = request.nextUrl;
  // Next's internal sub-request marker never comes from a browser; it once let requests skip the
  // proxy entirely (CVE-2025-29927).
  if (request.headers.has('x-middleware-subrequest')) return plain(400, 'Bad request.');
  const malformed = malformedUrl(pathname, request.nextUrl.search);
  if (malformed) return plain(400, malformed);
  // Load balancers probe by IP; servers ask themselves to expire caches (signed, see the route).
  // Stripe's webhook names its storefront inside the signed event (the connected account), not by host.
  // The TLS proxy asks whether to get a certificate for a host before that host serves anything.
  if (pathname === '/api/health' || pathname === '/api/internal/revalidate' || pathname === '/api/webhooks/stripe' || pathname === '/api/domains/check') return passThrough(request, null);

  const platform = platformDomain();
  const accept = request.headers.get('accept-language');
  const resolution = await resolveHostCached(getDb, request.headers.get('host'), platform);
  const seo = seoFile(pathname);
  // Hosts that show no storefront keep search engines out, and have no sitemap or icon.
  if (seo && (resolution.kind === 'unknown' || resolution.kind === 'suspended' || resolution.kind === 'no-storefront')) {
    return seo === 'robots' ? new Response(DISALLOW_ALL, { headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' } }) : plain(404, 'Not found.');
  }

  switch (resolution.kind) {
    case 'unknown':
      return statusPage('unknown-host', accept);
    case 'suspended':
      return statusPage('suspended', accept);
    case 'no-storefront':
      return statusPage('no-storefront', accept, publicOrigin(resolution.distributorHost));
    case 'redirect': {
      const url = new URL(`${pathname}${request.nextUrl.search}`, publicOrigin(resolution.host));
      return NextResponse.redirect(url, 308);
    }
    case 'storefront':
      break;
  }

  const { tenant } = resolution;
  const closed = inServiceMode(tenant);
  // A storefront in service mode sells nothing, so it asks search engines to stay away.
  if (seo && closed) return seo === 'robots' ? new Response(DISALLOW_ALL, { headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' } }) : plain(404, 'Not found.');
  if (closed && pathname === '/api/search') return plain(404, 'This storefront takes no new orders.');
  // Pages, SEO files and media are read, never posted to (forms post to /api). Next keeps a static
  // route handler's answer under its path whatever the method: an OPTIONS let through was served
  // as the page to everyone after it.
  if (request.method !== 'GET' && request.method !== 'HEAD' && !pathname.startsWith('/api/')) {
    const allow = { allow: 'GET, HEAD, OPTIONS', 'cache-control': 'no-store' };
    return request.method === 'OPTIONS' ? new Response(null, { status: 204, headers: allow }) : new Response('Pages are only read: send a GET.\n', { status: 405, headers: { ...allow, 'content-type': 'text/plain; charset=utf-8' } });
  }
  if (seo) {
    const target = request.nextUrl.clone();
    target.pathname = `/${tenant.id}/seo.v1/${seo}`;
    target.search = '';
    // The sitemap and robots.txt name addresses on the host they were asked on (the sitemap
    // protocol wants them there): the proxy vouches for that origin as for a route handler.
    return NextResponse.rewrite(target, { request: { headers: vouchedHeaders(request, { tenantId: tenant.id, origin: publicOrigin(host ?? platform) }) } });
  }
  if (INTERNAL_SEGMENT.test(pathname) || INTERNAL_ROUTE.test(pathname)) return plain(404, 'Not found.');
  const mediaFile = /^\/media\/([0-9a-f]{32}\.png)$/.exec(pathname)?.[1];
  if (mediaFile) {
    const target = request.nextUrl.clone();
    target.pathname = `/${tenant.id}/media.v1/${mediaFile}`;
    target.search = '';
    return NextResponse.rewrite(target);
  }

  if (pathname.startsWith('/api/')) {
    // The storefront's own address, as configured: links the handler mails are built from it.
    return passThrough(request, { tenantId: tenant.id, origin: publicOrigin(host ?? platform) });
  }
  if (request.nextUrl.searchParams.has('currency')) return chooseCurrency(request, tenant.currencies);
  const response = (closed ? serviceModeRewrite(request, tenant) : null) ?? rewriteToStorefront(request, tenant);
  if (response.status !== 200) return response;
  const seconds = settings().sharedCacheSeconds;
  response.headers.set(
    'cache-control',
    sharedCacheable(request) ? `public, s-maxage=${seconds}, stale-while-revalidate=${seconds}` : 'private, no-cache, no-store, max-age=0, must-revalidate',
  );
  return response;
}

/**
 * The files search engines and browsers ask every host for, by the internal route that answers
 * them for a storefront (app/[tenant]/seo.v1/…), or null.
 */
function seoFile(pathname: string): string | null {
  switch (pathname) {
    case '/robots.txt':
      return 'robots';
    case '/sitemap.xml':
      return 'sitemap/index';
    case '/favicon.ico':
      return 'icon/favicon';
    case '/apple-touch-icon.png':
    case '/apple-touch-icon-precomposed.png':
      return 'icon/apple';
  }
  const part = /^\/sitemaps\/([1-9]\d{0,4})\.xml$/.exec(pathname);
  return part ? `sitemap/${part[1]}` : null;
}

// Pages that render per person or per request: never stored by a shared cache.
const PERSONAL = /^\/(?:[a-z]{2}\/)?(?:account|admin|signin|cart|checkout)(?:\/|$)/;

/**
 * Whether a shared cache in front (a CDN, nginx; docs/deployment.md) may keep this page: the same
 * bytes for every visitor of the storefront. It gets a short `s-maxage` so that a price change
 * reaches it within SHARED_CACHE_SECONDS (twice that while a stale copy is being refreshed).
 * Everything else, and any request of a signed-in person, is `private, no-store`.
 */
function sharedCacheable(request: NextRequest): boolean {
  if (request.method !== 'GET' && request.method !== 'HEAD') return false;
  if (PERSONAL.test(request.nextUrl.pathname) || request.nextUrl.searchParams.has('q')) return false;
  return !hasSessionCookie(request.headers.get('cookie'));
}

function plain(status: number, message: string): Response {
  return new Response(`${message}\n`, { status, headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' } });
}



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

/**
 * Route handlers get the tenant and the storefront origin from the proxy only, signed; whatever a
 * client sent under those names (or as X-Forwarded-Host) is dropped.
 */
function passThrough(request: NextRequest, vouch: { tenantId: string; origin: string } | null): NextResponse {
  return NextResponse.next({ request: { headers: vouchedHeaders(request, vouch) } });
}

function vouchedHeaders(request: NextRequest, vouch: { tenantId: string; origin: string } | null): Headers {
  const headers = new Headers(request.headers);
  for (const name of [TENANT_HEADER, ORIGIN_HEADER, SIGNATURE_HEADER, 'x-forwarded-host']) headers.delete(name);
  if (vouch) {
    headers.set(TENANT_HEADER, vouch.tenantId);
    headers.set(ORIGIN_HEADER, vouch.origin);
    headers.set(SIGNATURE_HEADER, sign(vouch.tenantId, vouch.origin));
  }
  return headers;
}
