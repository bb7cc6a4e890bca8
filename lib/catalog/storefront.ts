import 'server-only';
import { unstable_cache } from 'next/cache';
import { settings } from '../config/settings';
import { forTenant } from '../db';
import type { Db } from '../db/client';
import { loadPricingContext, type PricingContext } from '../pricing/offer';
import { tenantTag, type Tenant } from '../tenancy/types';
import { searchWords } from './search';
import { cachedSearch } from './search-cache';
import { featuredShelfProducts, getShelfProduct, listShelfProducts, shelfFacets, shelfSlugs, type ListQuery } from './queries';

/**
 * Cached catalog reads for one storefront. The tenant id is part of every key and tag; a reseller's
 * entries also carry its distributor's catalog tag, so a catalog or price change reaches them.
 */
function tagsFor(tenant: Tenant): string[] {
  const tags = [tenantTag(tenant.id), tenantTag(tenant.id, 'catalog')];
  if (tenant.parentId) tags.push(tenantTag(tenant.parentId, 'catalog'));
  return tags;
}

function cached<T>(tenant: Tenant, key: unknown[], load: (db: Db, ctx: PricingContext) => Promise<T>, empty: T): Promise<T> {
  return unstable_cache(
    () =>
      forTenant(tenant.id, async (db) => {
        const ctx = await loadPricingContext(db, tenant);
        return ctx ? load(db, ctx) : empty;
      }),
    ['catalog', tenant.id, ...key.map((k) => JSON.stringify(k ?? null))],
    // Tags expire entries at once on a change; the lifetime bounds staleness if a change is missed.
    { tags: tagsFor(tenant), revalidate: settings().cacheTtlSeconds },
  )();
}

export function storefrontProduct(tenant: Tenant, slug: string) {
  return cached(tenant, ['product', slug], (db, ctx) => getShelfProduct(db, ctx, slug, tenant.currencies), null);
}

export function storefrontFeatured(tenant: Tenant) {
  return cached(tenant, ['featured'], (db, ctx) => featuredShelfProducts(db, ctx, tenant.currencies), []);
}

export function storefrontFacets(tenant: Tenant) {
  return cached(tenant, ['facets'], (db, ctx) => shelfFacets(db, ctx), { categories: [], vendors: [] });
}

const EMPTY = { items: [], total: 0, page: 1, pages: 1 };

/**
 * Browsing pages are cached per tenant and filter set; free-text searches render per request (any
 * text would be a new page) from results kept in memory per tenant and query (./search-cache.ts).
 */
export async function storefrontListing(tenant: Tenant, query: ListQuery) {
  const load = (db: Db, ctx: PricingContext) => listShelfProducts(db, ctx, query, tenant.currencies);
  if (query.q) {
    return cachedSearch([tenant.id, ...searchKey(query)].join('|'), () =>
      forTenant(tenant.id, async (db) => {
        const ctx = await loadPricingContext(db, tenant);
        return ctx ? load(db, ctx) : EMPTY;
      }),
    );
  }
  return cached(tenant, ['list', query.locale, query.category, query.vendor, query.period, query.page, query.pageSize], load, EMPTY);
}

export function storefrontSlugs(tenant: Tenant) {
  return cached(tenant, ['slugs'], (db, ctx) => shelfSlugs(db, ctx), []);
}

/**
 * A popular search's results for its cached page (products/search.v1): kept in Next's data cache
 * with the catalog tags, so a catalog change refreshes the page like any catalog page.
 */
export function storefrontSearchResults(tenant: Tenant, query: ListQuery & { q: string }) {
  const load = (db: Db, ctx: PricingContext) => listShelfProducts(db, ctx, query, tenant.currencies);
  return cached(tenant, ['search', ...searchKey(query)], load, EMPTY);
}

/** What a search's results depend on besides the tenant: its words (not how they were typed) and filters. */
function searchKey(query: ListQuery): unknown[] {
  return [query.locale, searchWords(query.q ?? '').join(' '), query.category, query.vendor, query.period, query.page, query.pageSize];
}
