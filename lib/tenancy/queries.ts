import 'server-only';
import { unstable_cache } from 'next/cache';
import { settings } from '../config/settings';
import { getDb } from '../db';
import { getTenant } from './repo';
import { hasStorefront, inServiceMode, tenantTag, type Tenant } from './types';

/**
 * The tenant behind an internal storefront route, cached per tenant and tagged with its id, so a
 * change to one tenant re-renders only that tenant's pages. Null unless it may show a storefront
 * (or, back on Basic, serve its customers in service mode).
 */
export async function getStorefrontTenant(tenantId: string): Promise<Tenant | null> {
  const tenant = await unstable_cache(async () => getTenant(await getDb(), tenantId), ['tenant', tenantId], {
    tags: [tenantTag(tenantId), tenantTag(tenantId, 'settings')],
    revalidate: settings().cacheTtlSeconds,
  })();
  if (!tenant || tenant.status !== 'active' || !(hasStorefront(tenant) || inServiceMode(tenant))) return null;
  if (!tenant.parentId) return tenant;
  // The distributor's default design tokens, cached under its own tag: changing them expires
  // every reseller's pages at once without touching anything else of theirs.
  const parentId = tenant.parentId;
  const inheritedTokens = await unstable_cache(async () => (await getTenant(await getDb(), parentId))?.defaultTokens ?? {}, ['design-defaults', parentId], {
    tags: [tenantTag(parentId, 'design')],
    revalidate: settings().cacheTtlSeconds,
  })();
  return { ...tenant, inheritedTokens };
}
