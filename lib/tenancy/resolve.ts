import { settings } from '../config/settings';
import type { Db } from '../db/client';
import { normaliseHost } from '../input/host';
import { classifyHost } from './host';
import { TtlLru } from './lru';
import { findDistributor, findTenantByDomain, findTenantBySlug, primaryCustomDomain } from './repo';
import { hasStorefront, inServiceMode, type Tenant } from './types';

export type HostResolution =
  | { kind: 'storefront'; tenant: Tenant }
  | { kind: 'redirect'; host: string; tenantId: string }
  | { kind: 'suspended'; tenantId: string }
  | { kind: 'no-storefront'; tenantId: string; distributorHost: string }
  | { kind: 'unknown' };

/** Decides what a hostname serves. Pure apart from the database reads; no caching here. */
export async function resolveHost(db: Db, rawHost: string | null, platform: string): Promise<HostResolution> {
  const host = normaliseHost(rawHost);
  if (!host) return { kind: 'unknown' };
  const target = classifyHost(host, platform);

  if (target.kind === 'root') {
    const distributor = await findDistributor(db);
    if (!distributor) return { kind: 'unknown' };
    if (host !== platform) return { kind: 'redirect', host: platform, tenantId: distributor.id };
    return decide(distributor, platform);
  }

  if (target.kind === 'subdomain') {
    const tenant = await findTenantBySlug(db, target.slug);
    if (!tenant || tenant.kind !== 'reseller') return { kind: 'unknown' };
    const canonical = `${tenant.slug}.${platform}`;
    if (host !== canonical) return { kind: 'redirect', host: canonical, tenantId: tenant.id };
    return decide(tenant, platform);
  }

  const tenant = await findTenantByDomain(db, target.hostname);
  if (!tenant && target.hostname.startsWith('www.')) {
    const bare = target.hostname.slice(4);
    const owner = await findTenantByDomain(db, bare);
    if (owner) return { kind: 'redirect', host: bare, tenantId: owner.id };
  }
  if (!tenant) return { kind: 'unknown' };
  // Custom domains are a Standard-plan feature; after a downgrade the platform subdomain still works.
  if (tenant.kind === 'reseller' && tenant.plan !== 'standard' && tenant.status === 'active') {
    return { kind: 'redirect', host: `${tenant.slug}.${platform}`, tenantId: tenant.id };
  }
  // The storefront's other custom domains send visitors to the primary one it chose.
  if (tenant.status === 'active' && hasStorefront(tenant)) {
    const primary = await primaryCustomDomain(db, tenant.id);
    if (primary && primary !== target.hostname) return { kind: 'redirect', host: primary, tenantId: tenant.id };
  }
  return decide(tenant, platform);
}

function decide(tenant: Tenant, platform: string): HostResolution {
  if (tenant.status === 'suspended') return { kind: 'suspended', tenantId: tenant.id };
  // A storefront back on Basic still serves its customers (in service mode); one never opened has none.
  if (!hasStorefront(tenant) && !inServiceMode(tenant)) return { kind: 'no-storefront', tenantId: tenant.id, distributorHost: platform };
  return { kind: 'storefront', tenant };
}

// The in-process cache the proxy consults on every request. Shared through globalThis because the
// proxy and the app are separate bundles in one process and both must see an invalidation.
const KEY = Symbol.for('channelfront.hostCache');
// Unknown hosts expire sooner so a newly added domain goes live quickly even on other servers.
const UNKNOWN_TTL_MS = 5_000;

type Holder = { [KEY]?: TtlLru<string, HostResolution> };

export function hostCache(): TtlLru<string, HostResolution> {
  const holder = globalThis as Holder;
  holder[KEY] ??= new TtlLru(settings().tenantCacheMaxEntries, settings().tenantCacheTtlMs);
  return holder[KEY];
}

export async function resolveHostCached(
  db: () => Promise<Db>,
  rawHost: string | null,
  platform: string,
): Promise<HostResolution> {
  const key = normaliseHost(rawHost) ?? '';
  const cache = hostCache();
  const hit = cache.get(key);
  if (hit) return hit;
  const resolution = key ? await resolveHost(await db(), key, platform) : ({ kind: 'unknown' } as const);
  const ttl = settings().tenantCacheTtlMs;
  cache.set(key, resolution, resolution.kind === 'unknown' ? Math.min(ttl, UNKNOWN_TTL_MS) : ttl);
  return resolution;
}

/** Drops every cached resolution for the tenant, and all negative ones (a domain may be new). */
export function forgetTenantHosts(tenantId: string): void {
  hostCache().deleteWhere((r) =>
    r.kind === 'unknown' ? true : r.kind === 'storefront' ? r.tenant.id === tenantId : r.tenantId === tenantId,
  );
}

/**
 * The tenant this process's proxy resolved the request's host to, from the cache it has just read
 * (which every change to the tenant clears, on every server): a route handler need not read the
 * tenant again. Null when it is not there, and then the caller reads it.
 */
export function resolvedTenant(rawHost: string | null, tenantId: string): Tenant | null {
  const host = normaliseHost(rawHost);
  const hit = host ? hostCache().get(host) : undefined;
  return hit?.kind === 'storefront' && hit.tenant.id === tenantId ? hit.tenant : null;
}
