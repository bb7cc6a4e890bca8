import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { invoices, orderEvents, orderLines, orders, organizations, provisioningTasks, subscriptions, tenants } from '../db/schema';

/** An organisation's orders, newest first. */
export function organizationOrders(db: Db, tenantId: string, organizationId: string) {
  return db
    .select()
    .from(orders)
    .where(and(eq(orders.tenantId, tenantId), eq(orders.organizationId, organizationId)))
    .orderBy(desc(orders.createdAt))
    .limit(200);
}

/** One order with its lines, history and subscriptions; null when it is not this tenant's. */
export async function orderDetail(db: Db, tenantId: string, orderId: string) {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(orderId)) return null;
  const [order] = await db.select().from(orders).where(and(eq(orders.tenantId, tenantId), eq(orders.id, orderId)));
  if (!order) return null;
  const [lines, events, subs, [invoice], openTasks] = await Promise.all([
    db.select().from(orderLines).where(and(eq(orderLines.tenantId, tenantId), eq(orderLines.orderId, orderId))).orderBy(asc(orderLines.position)),
    // A new order's first two events share their time: the one from nothing comes first.
    db.select().from(orderEvents).where(and(eq(orderEvents.tenantId, tenantId), eq(orderEvents.orderId, orderId))).orderBy(asc(orderEvents.at), sql`${orderEvents.fromState} is not null`),
    db.select().from(subscriptions).where(and(eq(subscriptions.tenantId, tenantId), eq(subscriptions.orderId, orderId))),
    // The order's own invoice (issued with the order on account or by transfer, on payment by card).
    db.select().from(invoices).where(and(eq(invoices.tenantId, tenantId), eq(invoices.sourceKey, `order:${orderId}`))),
    // Lines waiting on a person at the distributor (the manual connector): nothing reached a vendor yet.
    db.select({ lineId: provisioningTasks.lineId }).from(provisioningTasks).where(and(eq(provisioningTasks.tenantId, tenantId), eq(provisioningTasks.orderId, orderId), eq(provisioningTasks.state, 'open'))),
  ]);
  return { order, lines, events, subscriptions: subs, invoice: invoice ?? null, openTasks };
}

/** The storefront's orders for its portal, newest first, with the customer's name. */
export function storefrontOrders(db: Db, tenantId: string, limit = 100) {
  return db
    .select({ order: orders, customer: organizations.name })
    .from(orders)
    .innerJoin(organizations, and(eq(organizations.tenantId, orders.tenantId), eq(organizations.id, orders.organizationId)))
    .where(eq(orders.tenantId, tenantId))
    .orderBy(desc(orders.createdAt))
    .limit(limit);
}

/**
 * Open manual provisioning tasks of every storefront, for the distributor's console. Runs inside
 * `asDistributor` (read-only across tenants).
 */
export function openProvisioningTasks(db: Db) {
  return db
    .select({ task: provisioningTasks, line: orderLines, order: orders, store: tenants.name, customer: organizations.name })
    .from(provisioningTasks)
    .innerJoin(orderLines, and(eq(orderLines.tenantId, provisioningTasks.tenantId), eq(orderLines.id, provisioningTasks.lineId)))
    .innerJoin(orders, and(eq(orders.tenantId, provisioningTasks.tenantId), eq(orders.id, provisioningTasks.orderId)))
    .innerJoin(organizations, and(eq(organizations.tenantId, orders.tenantId), eq(organizations.id, orders.organizationId)))
    .innerJoin(tenants, eq(tenants.id, provisioningTasks.tenantId))
    .where(eq(provisioningTasks.state, 'open'))
    .orderBy(asc(provisioningTasks.createdAt))
    .limit(200);
}
