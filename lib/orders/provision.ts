import { and, eq, ne, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { withTenant } from '../db/tenant';
import { orderLines, orders, organizations, plans, products, provisioningTasks, subscriptions, users, type OrderLineRow, type OrderRow } from '../db/schema';
import { enqueue } from '../jobs';
import { connectorFor, provisioningFailed, type Connectors, type ProvisionResult } from '../provisioning';
import { lockSubscription, recordEvent } from '../subscriptions/history';
import { addMonths, periodMonths } from '../periods';
import { creditFailedLine } from '../invoices/orders';
import { getTenant } from '../tenancy/repo';
import { lockOrder, transition } from './state';

export interface LineJob {
  tenantId: string;
  orderId: string;
  lineId: string;
}

async function loadLine(db: Db, job: LineJob) {
  const [row] = await db
    .select({
      line: orderLines,
      order: orders,
      org: organizations,
      url: products.connectorUrl,
      subscription: { externalId: subscriptions.externalId, seats: subscriptions.seats, sku: plans.sku },
    })
    .from(orderLines)
    .innerJoin(orders, and(eq(orders.tenantId, orderLines.tenantId), eq(orders.id, orderLines.orderId)))
    .innerJoin(organizations, and(eq(organizations.tenantId, orders.tenantId), eq(organizations.id, orders.organizationId)))
    .leftJoin(products, and(eq(products.tenantId, orderLines.catalogTenantId), eq(products.id, orderLines.productId)))
    .leftJoin(subscriptions, and(eq(subscriptions.tenantId, orderLines.tenantId), eq(subscriptions.id, orderLines.subscriptionId)))
    .leftJoin(plans, and(eq(plans.tenantId, subscriptions.catalogTenantId), eq(plans.id, subscriptions.planId)))
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
  const { line, order, org, url, subscription } = loaded;
  let result: ProvisionResult;
  try {
    const connector = connectorFor(connectors, line.connector);
    if (line.kind === 'new') {
      result = await connector.provision({
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
        storefront: line.storefront,
      });
    } else {
      if (!subscription?.externalId) throw provisioningFailed('The subscription this order changes no longer exists.');
      const ref = { requestKey: `line_${line.id}`, externalId: subscription.externalId, sku: subscription.sku ?? line.sku, seats: subscription.seats!, url };
      result = line.kind === 'add_seats' ? await connector.changeSeats(ref, subscription.seats! + line.seats) : await connector.changePlan(ref, line.sku);
    }
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
        .values({ tenantId: job.tenantId, orderId: job.orderId, lineId: job.lineId, action: line.kind === 'new' ? 'provision' : line.kind, createdAt: now() })
        .onConflictDoNothing();
      return 'pending';
    }
    await completeLine(tx, line, order, result.externalId, now());
    return 'provisioned';
  });
}

/**
 * A provisioned line, once: a new line creates its subscription; a change applies to the one it
 * changes (seats added to what it has now, so concurrent increases all count). Each is written to
 * the subscription's history, and the order is settled when no line is left waiting.
 */
export async function completeLine(tx: Db, line: OrderLineRow, order: Pick<OrderRow, 'organizationId' | 'currency' | 'paymentMethod' | 'userId'>, externalId: string, now: Date): Promise<void> {
  const [marked] = await tx
    .update(orderLines)
    .set({ state: 'provisioned', failure: null })
    .where(and(eq(orderLines.tenantId, line.tenantId), eq(orderLines.id, line.id), ne(orderLines.state, 'provisioned')))
    .returning({ id: orderLines.id });
  if (!marked) return;
  // The customer hears that what it bought can be used, whoever set it up (a vendor, a person).
  await enqueue(tx, 'order-mail', { tenantId: line.tenantId, orderId: line.orderId, kind: 'ready', lineId: line.id }, { singletonKey: `ready:${line.id}` });
  const actor = await actorOf(tx, line.tenantId, order.userId);
  if (line.kind === 'new') {
    const [created] = await tx
      .insert(subscriptions)
      .values({
        tenantId: line.tenantId,
        organizationId: order.organizationId,
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
        currentPeriodEnd: addMonths(now, periodMonths(line.billingPeriod)),
        createdAt: now,
        updatedAt: now,
        currency: order.currency,
        unitPrice: line.unitPrice,
        unitCost: line.unitCost,
        unitWholesale: line.unitWholesale,
        paymentMethod: order.paymentMethod,
      })
      .onConflictDoNothing()
      .returning({ id: subscriptions.id });
    if (created) {
      await recordEvent(tx, { tenantId: line.tenantId, subscriptionId: created.id, at: now, actor, kind: 'purchased', seatsTo: line.seats, planTo: line.planId, amount: line.amount, currency: order.currency, orderId: line.orderId });
    }
  } else if (line.subscriptionId) {
    const sub = await lockSubscription(tx, line.tenantId, line.subscriptionId);
    if (sub && line.kind === 'add_seats') {
      await tx.update(subscriptions).set({ seats: sub.seats + line.seats, updatedAt: now }).where(and(eq(subscriptions.tenantId, sub.tenantId), eq(subscriptions.id, sub.id)));
      await recordEvent(tx, { tenantId: line.tenantId, subscriptionId: sub.id, at: now, actor, kind: 'seats_increased', seatsFrom: sub.seats, seatsTo: sub.seats + line.seats, amount: line.amount, currency: order.currency, orderId: line.orderId });
    } else if (sub && line.kind === 'upgrade') {
      await tx
        .update(subscriptions)
        .set({ productId: line.productId, planId: line.planId, unitPrice: line.unitPrice, unitCost: line.unitCost, unitWholesale: line.unitWholesale, scheduledPlanId: null, updatedAt: now })
        .where(and(eq(subscriptions.tenantId, sub.tenantId), eq(subscriptions.id, sub.id)));
      await recordEvent(tx, { tenantId: line.tenantId, subscriptionId: sub.id, at: now, actor, kind: 'plan_upgraded', planFrom: sub.planId, planTo: line.planId, amount: line.amount, currency: order.currency, orderId: line.orderId });
    }
  }
  await settleOrder(tx, line.tenantId, line.orderId, now);
}

async function actorOf(tx: Db, tenantId: string, userId: string): Promise<string> {
  const [user] = await tx.select({ email: users.email }).from(users).where(and(eq(users.tenantId, tenantId), eq(users.id, userId)));
  return user?.email ?? 'system';
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
  const tenant = await getTenant(tx, job.tenantId);
  if (tenant) await creditFailedLine(tx, tenant, job.orderId, job.lineId, now);
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
