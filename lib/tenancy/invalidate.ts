import { forgetTenantHosts } from './resolve';
import { tenantTag } from './types';

/**
 * Everything cached about a tenant goes stale at once: the proxy's host cache and, inside the
 * Next.js server, every cached read and page tagged with the tenant. Other tenants are untouched.
 * Other app servers drop their host-cache entry within its TTL (TENANT_CACHE_TTL_MS).
 */
export async function tenantChanged(tenantId: string): Promise<void> {
  forgetTenantHosts(tenantId);
  // next/cache only works inside the Next.js server; scripts and tests have no page cache to purge.
  if (process.env.NEXT_RUNTIME) {
    const { revalidateTag } = await import('next/cache');
    revalidateTag(tenantTag(tenantId), { expire: 0 });
  }
}
