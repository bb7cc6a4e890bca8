import { and, eq, ne, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { withTenant } from '../db/tenant';
import { orderLines, orders, organizations, products, provisioningTasks, subscriptions, type OrderLineRow } from '../db/schema';
import { enqueue } from '../jobs';
import { connectorFor, type Connectors, type ProvisionResult } from '../provisioning';
import { lockOrder, transition } from './state';

export interface LineJob {
  tenantId: string;
  orderId: string;
  lineId: string;
}

async function loadLine(db: Db, job: LineJob) {
  const [row] = await db
    .select({ line: orderLines, order: orders, org: organizations, url: products.connectorUrl })
    .from(orderLines)
    .innerJoin(orders, and(eq(orders.tenantId, orderLines.tenantId), eq(orders.id, orderLines.orderId)))
    .innerJoin(organizations, and(eq(organizations.tenantId, orders.tenantId), eq(organizations.id, orders.organizationId)))
    .leftJoin(products, and(eq(products.tenantId, orderLines.catalogTenantId), eq(products.id, orderLines.productId)))
    .where(and(eq(orderLines.tenantId, job.tenantId), eq(orderLines.id, job.lineId), eq(orderLines.orderId, job.orderId)));
  return row ?? null;
}

/**
 * The provisioning job for one line. Safe to run twice: a line already provisioned or failed is
 * left alone, the connector receives the line id as its idempotency key, and the subscription is
 * unique per line. The vendor is called outside any transaction (it may take seconds).
 */
export async function provisionLine(db: Db, job: LineJob, connectors: Connectors, now: () => Date): Promise<'provisioned' | 'pending' | 'skipped'> {
  const loaded = await withTenant(db, job.tenantId, async (tx) => {
    const row = await loadLine(tx, job);
    if (!row || row.line.state === 'provisioned' || row.line.state === 'failed' || row.order.state !== 'provisioning') return null;
    if (row.line.state === 'pending') {
      await tx.update(orderLines).set({ state: 'provisioning' }).where(and(eq(orderLines.tenantId, job.tenantId), eq(orderLines.id, job.lineId)));
    }
    return row;
  });
  if (!loaded) return 'skipped';
  const { line, order, org, url } = loaded;
  let result: ProvisionResult;
  try {
    result = await connectorFor(connectors, line.connector).provision({
    idempotencyKey: `line_${line.id}`,
    tenantId: job.tenantId,
    orderNumber: order.number,
    sku: line.sku,
    productName: line.productName.en ?? line.sku,
    seats: line.seats,
    billingPeriod: line.billingPeriod,
    termMonths: line.termMonths,
      customer: { id: org.id, name: org.name, country: org.country, email: org.billingEmail },
      url,
    });
  } catch (error) {
    // Kept on the line for the reseller; the job retries (and, after the last try, fails the line).
    const failure = (error as Error).message.slice(0, 500);
    await withTenant(db, job.tenantId, (tx) => tx.update(orderLines).set({ failure }).where(and(eq(orderLines.tenantId, job.tenantId), eq(orderLines.id, job.lineId))));
    throw error;
  }
  return withTenant(db, job.tenantId, async (tx) => {
    if (result.status === 'pending') {
      await tx
        .insert(provisioningTasks)
        .values({ tenantId: job.tenantId, orderId: job.orderId, lineId: job.lineId, createdAt: now() })
        .onConflictDoNothing();
      return 'pending';
    }
    await completeLine(tx, line, order.organizationId, result.externalId, now());
    return 'provisioned';
  });
}

function addMonths(date: Date, months: number): Date {
  const d = new Date(date.getTime());
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + months);
  // The 31st of a shorter month is its last day.
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, last));
  return d;
}

/** A provisioned line: its subscription (once), the line's state, and the order if it is done. */
export async function completeLine(tx: Db, line: OrderLineRow, organizationId: string, externalId: string, now: Date): Promise<void> {
  await tx
    .insert(subscriptions)
    .values({
      tenantId: line.tenantId,
      organizationId,
      orderId: line.orderId,
      orderLineId: line.id,
      catalogTenantId: line.catalogTenantId,
      productId: line.productId,
      planId: line.planId,
      seats: line.seats,
      billingPeriod: line.billingPeriod,
      connector: line.connector,
      externalId,
      currentPeriodStart: now,
      currentPeriodEnd: addMonths(now, line.billingPeriod === 'year' ? 12 : 1),
      createdAt: now,
    })
    .onConflictDoNothing();
  await tx
    .update(orderLines)
    .set({ state: 'provisioned', failure: null })
    .where(and(eq(orderLines.tenantId, line.tenantId), eq(orderLines.id, line.id)));
  await settleOrder(tx, line.tenantId, line.orderId, now);
}

/** A line that cannot be provisioned: marked failed, the reseller told, the order settled. */
export async function failLine(tx: Db, job: LineJob, reason: string | null, now: Date): Promise<void> {
  const [line] = await tx
    .update(orderLines)
    .set({ state: 'failed', failure: sql`coalesce(${reason}, ${orderLines.failure}, 'the vendor did not accept it')` })
    .where(and(eq(orderLines.tenantId, job.tenantId), eq(orderLines.id, job.lineId), eq(orderLines.orderId, job.orderId), ne(orderLines.state, 'provisioned'), ne(orderLines.state, 'failed')))
    .returning({ state: orderLines.state });
  if (!line) return;
  await enqueue(tx, 'order-mail', { tenantId: job.tenantId, orderId: job.orderId, kind: 'provisioning_failed', lineId: job.lineId }, { singletonKey: `failed:${job.lineId}` });
  await settleOrder(tx, job.tenantId, job.orderId, now);
}

/** Once no line is waiting: completed when all were provisioned, failed otherwise. */
async function settleOrder(tx: Db, tenantId: string, orderId: string, now: Date): Promise<void> {
  const order = await lockOrder(tx, tenantId, orderId);
  if (!order || order.state !== 'provisioning') return;
  const lines = await tx.select({ state: orderLines.state }).from(orderLines).where(and(eq(orderLines.tenantId, tenantId), eq(orderLines.orderId, orderId)));
  if (lines.some((l) => l.state === 'pending' || l.state === 'provisioning')) return;
  const failed = lines.filter((l) => l.state === 'failed').length;
  if (failed) await transition(tx, order, 'failed', `${failed} of ${lines.length} lines could not be provisioned`, now);
  else await transition(tx, order, 'completed', 'every line provisioned', now);
}
