import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Db, DbHandle } from '../db/client';
import { afterCommit } from '../db/tenant';
import { INTERNAL_HEADER, signInternal } from '../http/trust';
import { forgetTenantHosts } from './resolve';
import { tenantTag } from './types';

export const TENANT_CHANGED_CHANNEL = 'channelfront_tenant_changed';

// Which process published a change, so a server does not re-expire what it expired itself.
const INSTANCE_KEY = Symbol.for('channelfront.instance');
function instanceId(): string {
  const holder = globalThis as { [INSTANCE_KEY]?: string };
  holder[INSTANCE_KEY] ??= randomUUID();
  return holder[INSTANCE_KEY];
}

/**
 * In-process caches of tenant data register here, so tenancy never imports what sits above it. Kept
 * on globalThis and keyed by name: the proxy, the pages and the route handlers are separate bundles
 * in one process, and a change made in one must reach a cache filled by another.
 */
const REGISTRY = Symbol.for('channelfront.tenantCaches');
interface Registry {
  data: Map<string, (tenantId: string) => void>;
  pages: Map<string, (tenantId: string) => void>;
}
function registry(): Registry {
  const holder = globalThis as { [REGISTRY]?: Registry };
  return (holder[REGISTRY] ??= { data: new Map(), pages: new Map() });
}

/** A cache of tenant data (prices, searches): dropped on every change, here and from other servers. */
export function onTenantChange(name: string, forget: (tenantId: string) => void): void {
  registry().data.set(name, forget);
}

/** A piece of rendered page kept in memory: dropped wherever Next's page cache of the tenant expires. */
export function onTenantPagesExpire(name: string, forget: (tenantId: string) => void): void {
  registry().pages.set(name, forget);
}

function forgetData(tenantId: string): void {
  forgetTenantHosts(tenantId);
  for (const forget of registry().data.values()) forget(tenantId);
}

interface Change {
  from: string;
  tenantId: string;
  tags: string[];
}

/**
 * Expires cached data and pages tagged with `tags`: here at once (read-your-writes), and on every
 * other app server on the same PostgreSQL through a NOTIFY (see `listenForTenantChanges`).
 */
async function publish(db: Db, tenantId: string, tags: string[]): Promise<void> {
  // Inside a transaction the NOTIFY is delivered at commit, and the local expiry waits for it too.
  const change: Change = { from: instanceId(), tenantId, tags };
  await db.execute(sql`select pg_notify(${TENANT_CHANGED_CHANNEL}, ${JSON.stringify(change)})`);
  await afterCommit(db, async () => {
    forgetData(tenantId);
    await expireHere(tags);
  });
}

// Work done while a server starts (seeding a new embedded database) runs before anything can be
// cached, and outside any request, where Next's cache cannot be expired at all.
const beforeServing = new AsyncLocalStorage<true>();

export function beforeAnythingIsCached<T>(fn: () => Promise<T>): Promise<T> {
  return beforeServing.run(true, fn);
}

/** Inside the Next.js server only: scripts and tests have no page cache to purge. */
export async function expireHere(tags: string[]): Promise<void> {
  if (!process.env.NEXT_RUNTIME || beforeServing.getStore()) return;
  for (const tag of tags) {
    const tenantId = /^t:([0-9a-f-]{36})$/.exec(tag)?.[1];
    if (tenantId) for (const forget of registry().pages.values()) forget(tenantId);
  }
  const { revalidateTag } = await import('next/cache');
  try {
    for (const tag of tags) revalidateTag(tag, { expire: 0 });
  } catch {
    // Outside a request (a background job changed a storefront): Next's cache can only be expired
    // from within one, so the server asks itself, as it does for another server's change.
    await askServerToExpire(tags);
  }
}

async function askServerToExpire(tags: string[]): Promise<void> {
  if (!process.env.PORT) return;
  const body = JSON.stringify({ tags });
  await fetch(`http://127.0.0.1:${process.env.PORT}/api/internal/revalidate`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [INTERNAL_HEADER]: signInternal(body) },
    body,
  }).catch((error: unknown) => console.error('cache: could not expire tags changed outside a request', error));
}

/** The tenant's settings changed: everything cached about it goes stale, other tenants' does not. */
export function tenantChanged(db: Db, tenantId: string): Promise<void> {
  return publish(db, tenantId, [tenantTag(tenantId)]);
}

/** The distributor's default design tokens changed: every reseller's pages carry this tag. */
export function designDefaultsChanged(db: Db, distributorId: string): Promise<void> {
  return publish(db, distributorId, [tenantTag(distributorId), tenantTag(distributorId, 'design')]);
}

/**
 * The tenant's catalog or prices changed (for a distributor: its master catalog, which every one
 * of its resellers' cached entries is also tagged with). Expired at once: the next visitor waits
 * for the fresh page rather than seeing the old price.
 */
export function catalogChanged(db: Db, tenantId: string): Promise<void> {
  return publish(db, tenantId, [tenantTag(tenantId, 'catalog')]);
}

/**
 * Subscribes this process to changes published by other processes (PostgreSQL only: PGlite is one
 * process). The host cache is dropped directly; Next's cache can only be expired from within a
 * request, so the server asks itself to do it (`/api/internal/revalidate`, signed with this
 * process's key).
 */
export async function listenForTenantChanges(handle: DbHandle): Promise<void> {
  await handle.listen?.(TENANT_CHANGED_CHANNEL, (payload) => {
    let change: Change;
    try {
      change = JSON.parse(payload) as Change;
    } catch {
      return;
    }
    forgetData(change.tenantId);
    if (change.from === instanceId() || !process.env.NEXT_RUNTIME) return;
    void askServerToExpire(change.tags);
  });
}
