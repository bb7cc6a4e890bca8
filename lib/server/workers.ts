import type { PgBoss } from 'pg-boss';
import type { Db } from '../db/client';
import { withTenant } from '../db/tenant';
import { sendOrderMail } from '../orders/mails';
import { failLine, provisionLine } from '../orders/provision';
import { reconcilePayments } from '../orders/reconcile-payments';
import { refundCredit } from '../payments/refunds';
import type { Connectors } from '../provisioning';
import { sendRenewalReminder, sendSubscriptionMail } from '../subscriptions/mails';
import { renewDue } from '../subscriptions/renewals';
import { syncSubscription } from '../subscriptions/sync';
import { getTenant } from '../tenancy/repo';
import { sendWelcomeMail } from '../reselling/mails';
import { recheckDomains } from '../domains';
import type { JobPayloads } from '../jobs';
import type { Admission } from '../db/admission';

export interface WorkerDeps {
  /** The app's database (as the app role); each job scopes itself to its tenant. */
  db: Db;
  connectors: Connectors;
  now: () => Date;
  /** Takes a turn at the embedded database (lib/db/admission.ts), as requests do; none on a server. */
  admission?: Admission;
}

/**
 * The background workers. Each handler is safe to run twice: a job interrupted by a crash is
 * handed out again (heartbeats stop; the queue's supervisor notices), and must not double anything.
 */
export async function startWorkers(boss: PgBoss, deps: WorkerDeps, options: { schedule?: boolean } = {}): Promise<void> {
  const { db, connectors, now, admission } = deps;
  // On PGlite each job waits for a turn like a request (never refused), so requests see the jobs
  // ahead of them in their wait and are refused with 503 rather than time out behind them.
  const work = admission ? admittedWork(boss, admission) : (boss.work.bind(boss) as PgBoss['work']);
  await work<JobPayloads['provision-line']>('provision-line', { localConcurrency: 4 }, async ([job]) => {
    if (job) await provisionLine(db, job.data, connectors, now);
  });
  await work<JobPayloads['provision-line-failed']>('provision-line-failed', async ([job]) => {
    if (job) await withTenant(db, job.data.tenantId, (tx) => failLine(tx, job.data, null, now()));
  });
  await work<JobPayloads['order-mail']>('order-mail', async ([job]) => {
    if (!job) return;
    const { tenantId, orderId, kind, lineId } = job.data;
    const tenant = await getTenant(db, tenantId);
    if (tenant) await withTenant(db, tenantId, (tx) => sendOrderMail(tx, tenant, orderId, kind, lineId));
  });
  await work('reconcile-payments', async () => {
    await reconcilePayments(db, now());
  });
  await work<JobPayloads['subscription-sync']>('subscription-sync', { localConcurrency: 2 }, async ([job]) => {
    if (job) await syncSubscription(db, job.data, connectors);
  });
  await work<JobPayloads['subscription-mail']>('subscription-mail', async ([job]) => {
    if (!job) return;
    const tenant = await getTenant(db, job.data.tenantId);
    if (tenant) await withTenant(db, tenant.id, (tx) => sendSubscriptionMail(tx, tenant, job.data.subscriptionId, job.data.eventId, job.data.onBehalf ?? false));
  });
  await work<JobPayloads['renewal-reminder']>('renewal-reminder', async ([job]) => {
    if (!job) return;
    const tenant = await getTenant(db, job.data.tenantId);
    if (tenant) await withTenant(db, tenant.id, (tx) => sendRenewalReminder(tx, tenant, job.data.subscriptionId, job.data.periodEnd));
  });
  await work<JobPayloads['refund-credit']>('refund-credit', async ([job]) => {
    if (job) await refundCredit(db, job.data);
  });
  await work<JobPayloads['storefront-welcome']>('storefront-welcome', async ([job]) => {
    if (!job) return;
    const tenant = await getTenant(db, job.data.tenantId);
    if (tenant) await withTenant(db, tenant.id, (tx) => sendWelcomeMail(tx, tenant, job.data.emails));
  });
  await work('recheck-domains', async () => {
    await recheckDomains(db, now());
  });
  await work('renew-subscriptions', async () => {
    await renewDue(db, { now: now() });
  });
  if (options.schedule !== false) {
    await boss.schedule('reconcile-payments', '*/5 * * * *');
    // Every ten minutes: a renewal is due when its period ends, and two runs never renew twice.
    await boss.schedule('renew-subscriptions', '*/10 * * * *');
    await boss.schedule('recheck-domains', '17 * * * *');
  }
}

/** `boss.work`, with each job handler run in a turn of `admission`. */
function admittedWork(boss: PgBoss, admission: Admission): PgBoss['work'] {
  return ((name: string, ...rest: unknown[]) => {
    const handler = rest.pop() as (jobs: unknown) => Promise<unknown>;
    return (boss.work.bind(boss) as (...args: unknown[]) => Promise<string>)(name, ...rest, (jobs: unknown) => admission.run(() => handler(jobs), { refuse: false }));
  }) as PgBoss['work'];
}
