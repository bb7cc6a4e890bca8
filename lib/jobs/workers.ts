import type { PgBoss } from 'pg-boss';
import type { Db } from '../db/client';
import { withTenant } from '../db/tenant';
import { sendOrderMail } from '../orders/mails';
import { failLine, provisionLine } from '../orders/provision';
import { reconcilePayments } from '../payments/reconcile';
import type { Connectors } from '../provisioning';
import { getTenant } from '../tenancy/repo';
import type { JobPayloads } from '.';

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
  if (options.schedule !== false) await boss.schedule('reconcile-payments', '*/5 * * * *');
}
