import { sql } from 'drizzle-orm';
import type { Db, DbHandle } from '../db/client';
import { forgetTenantHosts } from './resolve';
import { tenantTag } from './types';

export const TENANT_CHANGED_CHANNEL = 'channelfront_tenant_changed';

/**
 * Everything cached about a tenant goes stale: this process's host cache and, inside the Next.js
 * server, every cached read and page tagged with the tenant. Other tenants are untouched. Other
 * app servers on the same PostgreSQL hear a NOTIFY and drop their host-cache entries too.
 */
export async function tenantChanged(db: Db, tenantId: string): Promise<void> {
  forgetTenantHosts(tenantId);
  await db.execute(sql`select pg_notify(${TENANT_CHANGED_CHANNEL}, ${tenantId})`);
  // next/cache only works inside the Next.js server; scripts and tests have no page cache to purge.
  if (process.env.NEXT_RUNTIME) {
    const { revalidateTag } = await import('next/cache');
    revalidateTag(tenantTag(tenantId), { expire: 0 });
  }
}

/**
 * The tenant's catalog or prices changed (for a distributor: its master catalog, which every one
 * of its resellers' cached entries is also tagged with). Expired at once: the next visitor waits
 * for the fresh page rather than seeing the old price.
 */
export async function catalogChanged(tenantId: string): Promise<void> {
  if (process.env.NEXT_RUNTIME) {
    const { revalidateTag } = await import('next/cache');
    revalidateTag(tenantTag(tenantId, 'catalog'), { expire: 0 });
  }
}

/** Subscribes this process's host cache to changes made by other processes (PostgreSQL only). */
export async function listenForTenantChanges(handle: DbHandle): Promise<void> {
  await handle.listen?.(TENANT_CHANGED_CHANNEL, (tenantId) => forgetTenantHosts(tenantId));
}
