import { sql } from 'drizzle-orm';
import { PgBoss } from 'pg-boss';
import { settings } from '../config/settings';
import type { Db, DbHandle } from '../db/client';
import { rowsOf } from '../db/rows';
import { pgliteAdapter, transactionAdapter } from './adapter';

/**
 * The mails of an order: to the customer its confirmation, how to pay a bank transfer, and each
 * line's "your service is ready"; to the store's admins the new order and a failed line.
 */
export type OrderMailKind = 'confirmation' | 'new_order' | 'provisioning_failed' | 'awaiting_transfer' | 'ready' | 'cancelled';

/** The background jobs, by queue name, and what each carries: ids only, read back under RLS. */
export interface JobPayloads {
  'provision-line': { tenantId: string; orderId: string; lineId: string };
  /** A provisioning job that failed its last retry lands here (pg-boss's dead letter queue). */
  'provision-line-failed': { tenantId: string; orderId: string; lineId: string };
  'order-mail': { tenantId: string; orderId: string; kind: OrderMailKind; lineId?: string };
  'reconcile-payments': Record<string, never>;
  /** Tells the vendor (the subscription's connector) of a change made here. */
  'subscription-sync': { tenantId: string; subscriptionId: string; action: 'seats' | 'plan' | 'cancel' | 'suspend' | 'reactivate'; requestKey: string };
  /** A mail about one event of a subscription's history (a credit, a renewal, a failed payment…). */
  'subscription-mail': { tenantId: string; subscriptionId: string; eventId: string; onBehalf?: boolean };
  /** The renewal reminder, 7 days before a subscription renews. */
  'renewal-reminder': { tenantId: string; subscriptionId: string; periodEnd: string };
  /** Pays a credit note back to the card that paid (a refund on the reseller's Stripe account). */
  'refund-credit': { tenantId: string; invoiceId: string };
  /** Welcomes a reseller's admins to their storefront once a storefront plan is provisioned. */
  'storefront-welcome': { tenantId: string; emails: string[] };
  /** Looks the TXT records of verified custom domains up again (scheduled, hourly). */
  'recheck-domains': Record<string, never>;
  /** Renews every due subscription of every storefront (scheduled; safe to run concurrently). */
  'renew-subscriptions': Record<string, never>;
}
export type QueueName = keyof JobPayloads;

const KEY = Symbol.for('channelfront.jobs');
type Holder = { [KEY]?: Promise<PgBoss> };

/**
 * Opens the queue on the app's database (pg-boss keeps its tables in the `pgboss` schema, which
 * the migration grants to the app role) and makes sure every queue exists with its retry policy.
 */
export async function openQueue(handle: DbHandle, options: { supervise: boolean }): Promise<PgBoss> {
  const s = settings();
  const conn = handle.jobs;
  const citus = conn.kind === 'postgres' && rowsOf<{ on: boolean }>(await handle.db.execute(sql`select exists (select 1 from pg_extension where extname = 'citus') as on`))[0]?.on;
  const boss = new PgBoss({
    ...(conn.kind === 'pglite'
      ? { db: pgliteAdapter(conn.client), backend: 'pglite' as const }
      : {
          connectionString: conn.url,
          max: 4,
          // Outside production the URL may be a superuser's: act as the app role, as our own pool
          // does. On Citus the queue's tables stay on the coordinator, so its DDL is not sent to
          // the workers (which refuse it).
          ...(conn.role || citus ? { options: [conn.role ? `-c role=${conn.role}` : '', citus ? '-c citus.enable_ddl_propagation=off' : ''].join(' ').trim() } : {}),
          ...(citus ? { backend: 'citus' as const } : {}),
        }),
    schema: 'pgboss',
    createSchema: false,
    supervise: options.supervise,
    schedule: options.supervise,
    // On the embedded database every supervisor pass runs on the app's own thread (PGlite is
    // WebAssembly in-process) and stalls requests meanwhile. There is only one process there, so a
    // job orphaned by a crash is handed back at the restart itself (releaseOrphans, below); the
    // passes that expire jobs and keep the tables run every few minutes.
    superviseIntervalSeconds: conn.kind === 'pglite' ? Math.max(s.jobSuperviseSeconds, 300) : s.jobSuperviseSeconds,
    monitorIntervalSeconds: conn.kind === 'pglite' ? Math.max(s.jobSuperviseSeconds, 300) : s.jobSuperviseSeconds,
    registerInstance: false,
    openTelemetry: { enabled: false },
  });
  boss.on('error', (error) => console.error('job queue:', error));
  await boss.start();
  await ensureQueue(boss, 'provision-line-failed', { retryLimit: 5, retryDelay: 5, retryBackoff: true });
  await ensureQueue(boss, 'provision-line', {
    retryLimit: s.provisioningRetryLimit,
    retryDelay: s.provisioningRetryDelaySeconds,
    retryBackoff: true,
    // A worker killed mid-job stops its heartbeat; the supervisor hands the job out again.
    heartbeatSeconds: 10,
    expireInSeconds: 600,
    deadLetter: 'provision-line-failed',
  });
  await ensureQueue(boss, 'order-mail', { retryLimit: 8, retryDelay: 10, retryBackoff: true, retryDelayMax: 3600 });
  await ensureQueue(boss, 'reconcile-payments', { retryLimit: 0, expireInSeconds: 300 });
  await ensureQueue(boss, 'subscription-sync', { retryLimit: s.provisioningRetryLimit, retryDelay: s.provisioningRetryDelaySeconds, retryBackoff: true, heartbeatSeconds: 10, expireInSeconds: 600 });
  await ensureQueue(boss, 'subscription-mail', { retryLimit: 8, retryDelay: 10, retryBackoff: true, retryDelayMax: 3600 });
  await ensureQueue(boss, 'renewal-reminder', { retryLimit: 8, retryDelay: 10, retryBackoff: true, retryDelayMax: 3600 });
  await ensureQueue(boss, 'refund-credit', { retryLimit: 8, retryDelay: 30, retryBackoff: true, retryDelayMax: 3600 });
  await ensureQueue(boss, 'storefront-welcome', { retryLimit: 8, retryDelay: 10, retryBackoff: true, retryDelayMax: 3600 });
  await ensureQueue(boss, 'recheck-domains', { retryLimit: 0, expireInSeconds: 900 });
  await ensureQueue(boss, 'renew-subscriptions', { retryLimit: 0, expireInSeconds: 900 });
  if (conn.kind === 'pglite' && options.supervise) await releaseOrphans(boss, handle);
  return boss;
}

/**
 * The embedded database has exactly one process (PGlite has no lock; one process per data
 * directory), so a job still marked active when that process starts was being worked by one
 * that died (kill -9, a crash, a power cut). It fails now, as the supervisor would fail it once its
 * heartbeat stopped, and its retry policy hands it out again within the retry delay, rather than
 * at a supervision pass minutes later. Returns how many jobs were handed back.
 */
export async function releaseOrphans(boss: PgBoss, handle: DbHandle): Promise<number> {
  const tables = rowsOf<{ table: string }>(await handle.db.execute(sql`select distinct table_name as "table" from pgboss.queue`));
  let released = 0;
  for (const { table } of tables) {
    const active = rowsOf<{ id: string; name: string }>(await handle.db.execute(sql`select id, name from ${sql.identifier('pgboss')}.${sql.identifier(table)} where state = 'active'`));
    for (const name of new Set(active.map((job) => job.name))) {
      const jobs = active.filter((job) => job.name === name);
      await boss.fail(name, jobs.map((job) => job.id), { message: 'the process working this job stopped (restarted on the embedded database)' });
      released += jobs.length;
    }
  }
  if (released) console.warn(`job queue: ${released} job(s) left active by a stopped process handed back for a retry`);
  return released;
}

async function ensureQueue(boss: PgBoss, name: QueueName, options: Parameters<PgBoss['createQueue']>[1]): Promise<void> {
  if (await boss.getQueue(name)) await boss.updateQueue(name, options ?? {});
  else await boss.createQueue(name, options);
}

/** The process's queue, opened once (the app server, `npm run worker`, or a test's world). */
export function setQueue(queue: Promise<PgBoss> | undefined): void {
  const holder = globalThis as Holder;
  if (queue) holder[KEY] = queue;
  else delete holder[KEY];
}

export function getQueue(): Promise<PgBoss> {
  const queue = (globalThis as Holder)[KEY];
  if (!queue) throw new Error('The job queue is not open: the server opens it at start-up (lib/server/start.ts).');
  return queue;
}

type JobOptions = { singletonKey?: string; startAfter?: number };

/** Enqueues a job in the caller's transaction: it exists exactly when the change that needs it commits. */
export async function enqueue<N extends QueueName>(tx: Db, name: N, data: JobPayloads[N], options: JobOptions = {}): Promise<void> {
  const boss = await getQueue();
  await boss.send(name, data, { ...options, db: transactionAdapter(tx) });
}

/**
 * Several jobs of one queue in one statement, in the caller's transaction (pg-boss's insert: the
 * queue's retry policy applies as with `enqueue`; a job whose singleton key is taken is skipped).
 */
export async function enqueueMany<N extends QueueName>(tx: Db, name: N, jobs: Array<{ data: JobPayloads[N] } & JobOptions>): Promise<void> {
  if (!jobs.length) return;
  const boss = await getQueue();
  await boss.insert(name, jobs, { db: transactionAdapter(tx) });
}
