import { sql } from 'drizzle-orm';
import type { Db } from './client';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Runs `fn` in a transaction that row-level security scopes to one tenant: every query inside sees
 * and writes only that tenant's rows (and reads the master catalog), whatever its WHERE says.
 * The setting is transaction-local, so a pooled connection never carries it into the next request.
 *
 * `SET LOCAL` rather than `set_config(…, true)` (the same thing on one server): Citus forwards SET
 * LOCAL to the worker nodes (citus.propagate_set_commands = 'local') and not a function call. The
 * id cannot carry SQL: it is checked to be a UUID before it is written into the statement.
 */
export async function withTenant<T>(db: Db, tenantId: string, fn: (tx: Db) => Promise<T>): Promise<T> {
  if (!UUID.test(tenantId)) throw new Error(`withTenant: "${tenantId.slice(0, 40)}" is not a tenant id`);
  const pending: (() => Promise<void>)[] = [];
  const result = await db.transaction(async (tx) => {
    afterCommitQueues.set(tx as unknown as Db, pending);
    // Started before `fn` sends anything, and not waited for: the connection runs statements in
    // the order they were sent, so `fn`'s first reads go out with it in one round trip. (Were it
    // ever behind them, they would see no rows: the policies match nothing without the setting.)
    const scoped = tx.execute(sql.raw(`set local app.tenant_id = '${tenantId.toLowerCase()}'`)).then(() => undefined);
    const [, result] = await Promise.all([scoped, fn(tx as unknown as Db)]);
    return result;
  });
  for (const task of pending) await task();
  return result;
}

const afterCommitQueues = new WeakMap<Db, (() => Promise<void>)[]>();

/**
 * Runs `task` once the transaction `db` belongs to has committed (at once outside one): cache
 * expiry must not happen before the change is visible, or a page rendered in between would be
 * cached with the old data. A rolled-back transaction runs nothing.
 */
export async function afterCommit(db: Db, task: () => Promise<void>): Promise<void> {
  const queue = afterCommitQueues.get(db);
  if (queue) queue.push(task);
  else await task();
}

/**
 * The one reviewed path for the distributor's reads across its resellers (reports, the console):
 * row-level security lets this transaction read every tenant's rows, never write them. The caller
 * passes the distributor tenant itself; anything else is refused before the database is asked.
 */
export async function asDistributor<T>(db: Db, distributor: { id: string; kind: string }, fn: (tx: Db) => Promise<T>): Promise<T> {
  if (distributor.kind !== 'distributor') throw new Error('asDistributor: only the distributor reads across tenants');
  return withTenant(db, distributor.id, async (tx) => {
    await tx.execute(sql.raw(`set local app.scope = 'distributor'`));
    return fn(tx);
  });
}

/**
 * Within a distributor's transaction, acts for one of its storefronts from here on (a manual
 * provisioning task it completes on the storefront's order). The caller checks that the tenant is
 * the distributor's own reseller; row-level security then binds every statement to that tenant.
 */
export async function actForTenant(tx: Db, tenantId: string): Promise<void> {
  if (!UUID.test(tenantId)) throw new Error(`actForTenant: "${tenantId.slice(0, 40)}" is not a tenant id`);
  await tx.execute(sql.raw(`set local app.tenant_id = '${tenantId.toLowerCase()}'`));
}
