import 'server-only';
import { storefrontSlugs } from '../catalog/storefront';
import { settings } from '../config/settings';
import { listContentPages } from '../content/shipped-pages';
import { publishedPageSlugs } from '../content/tenant-pages';
import { forTenant } from '../db';
import { trustedTenant } from '../http/trust';
import { getStorefrontTenant } from '../tenancy/queries';
import type { Tenant } from '../tenancy/types';
import { storefrontOrigin } from './origin';
import { robotsTxt, sitemapIndexXml, sitemapParts, sitemapPaths, sitemapXml } from './sitemap';

const notFound = () => new Response('Not found.\n', { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' } });

function text(body: string, type: string): Response {
  const seconds = settings().sharedCacheSeconds;
  return new Response(body, { headers: { 'content-type': `${type}; charset=utf-8`, 'cache-control': `public, max-age=${seconds}, s-maxage=${seconds}` } });
}

/**
 * The origin the proxy says the request came in on (one of the storefront's hosts), else the
 * storefront's primary one: a host's sitemap lists addresses on that host, as the protocol asks;
 * the pages' canonical links all name the primary host.
 */
async function hostOrigin(request: Request, tenant: Tenant): Promise<string> {
  const vouched = trustedTenant(request.headers);
  return vouched && vouched.tenantId === tenant.id ? vouched.origin : storefrontOrigin(tenant);
}

export async function robotsResponse(request: Request, tenantId: string): Promise<Response> {
  const tenant = await getStorefrontTenant(tenantId);
  if (!tenant) return notFound();
  return text(robotsTxt(await hostOrigin(request, tenant), tenant), 'text/plain');
}

/**
 * `/sitemap.xml` (part `index`) and `/sitemaps/<n>.xml`. Up to 50,000 addresses it is one file;
 * past that, /sitemap.xml lists the parts.
 */
export async function sitemapResponse(request: Request, tenantId: string, part: string): Promise<Response> {
  const tenant = await getStorefrontTenant(tenantId);
  if (!tenant) return notFound();
  const [origin, slugs, pages] = await Promise.all([hostOrigin(request, tenant), storefrontSlugs(tenant), contentSlugs(tenant)]);
  const paths = sitemapPaths(slugs, pages);
  const parts = sitemapParts(tenant, paths.length);
  if (part === 'index') return text(parts === 1 ? sitemapXml(origin, tenant, paths) : sitemapIndexXml(origin, parts), 'application/xml');
  const n = /^[1-9]\d{0,4}$/.test(part) ? Number(part) : 0;
  if (parts === 1 || n < 1 || n > parts) return notFound();
  return text(sitemapXml(origin, tenant, paths, n), 'application/xml');
}

/**
 * The shipped pages, and the storefront's own pages published in every one of its languages (the
 * sitemap names each path in each language; a page missing in one would be an address that 404s).
 */
async function contentSlugs(tenant: Tenant): Promise<string[]> {
  const [shipped, own] = await Promise.all([listContentPages(), forTenant(tenant.id, (db) => publishedPageSlugs(db, tenant.id))]);
  const languages = new Map<string, Set<string>>();
  for (const { slug, locale } of own) languages.set(slug, (languages.get(slug) ?? new Set()).add(locale));
  const complete = [...languages].filter(([slug, locales]) => !shipped.includes(slug) && tenant.locales.every((l) => locales.has(l))).map(([slug]) => slug);
  return [...shipped, ...complete.sort()];
}
