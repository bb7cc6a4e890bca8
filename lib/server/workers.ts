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

export interface WorkerDeps {
  /** The app's database (as the app role); each job scopes itself to its tenant. */
  db: Db;
  connectors: Connectors;
  now: () => Date;
}

/**
 * The background workers. Each handler is safe to run twice: a job interrupted by a crash is
 * handed out again (heartbeats stop; the queue's supervisor notices), and must not double anything.
 */
export async function startWorkers(boss: PgBoss, deps: WorkerDeps, options: { schedule?: boolean } = {}): Promise<void> {
  const { db, connectors, now } = deps;
  await boss.work<JobPayloads['provision-line']>('provision-line', { localConcurrency: 4 }, async ([job]) => {
    if (job) await provisionLine(db, job.data, connectors, now);
  });
  await boss.work<JobPayloads['provision-line-failed']>('provision-line-failed', async ([job]) => {
    if (job) await withTenant(db, job.data.tenantId, (tx) => failLine(tx, job.data, null, now()));
  });
  await boss.work<JobPayloads['order-mail']>('order-mail', async ([job]) => {
    if (!job) return;
    const { tenantId, orderId, kind, lineId } = job.data;
    const tenant = await getTenant(db, tenantId);
    if (tenant) await withTenant(db, tenantId, (tx) => sendOrderMail(tx, tenant, orderId, kind, lineId));
  });
  await boss.work('reconcile-payments', async () => {
    await reconcilePayments(db, now());
  });
  await boss.work<JobPayloads['subscription-sync']>('subscription-sync', { localConcurrency: 2 }, async ([job]) => {
    if (job) await syncSubscription(db, job.data, connectors);
  });
  await boss.work<JobPayloads['subscription-mail']>('subscription-mail', async ([job]) => {
    if (!job) return;
    const tenant = await getTenant(db, job.data.tenantId);
    if (tenant) await withTenant(db, tenant.id, (tx) => sendSubscriptionMail(tx, tenant, job.data.subscriptionId, job.data.eventId));
  });
  await boss.work<JobPayloads['renewal-reminder']>('renewal-reminder', async ([job]) => {
    if (!job) return;
    const tenant = await getTenant(db, job.data.tenantId);
    if (tenant) await withTenant(db, tenant.id, (tx) => sendRenewalReminder(tx, tenant, job.data.subscriptionId, job.data.periodEnd));
  });
  await boss.work<JobPayloads['refund-credit']>('refund-credit', async ([job]) => {
    if (job) await refundCredit(db, job.data);
  });
  await boss.work<JobPayloads['storefront-welcome']>('storefront-welcome', async ([job]) => {
    if (!job) return;
    const tenant = await getTenant(db, job.data.tenantId);
    if (tenant) await withTenant(db, tenant.id, (tx) => sendWelcomeMail(tx, tenant, job.data.emails));
  });
  await boss.work('recheck-domains', async () => {
    await recheckDomains(db, now());
  });
  await boss.work('renew-subscriptions', async () => {
    await renewDue(db, { now: now() });
  });
  if (options.schedule !== false) {
    await boss.schedule('reconcile-payments', '*/5 * * * *');
    // Every ten minutes: a renewal is due when its period ends, and two runs never renew twice.
    await boss.schedule('renew-subscriptions', '*/10 * * * *');
    await boss.schedule('recheck-domains', '17 * * * *');
  }
}
