import { and, asc, desc, eq, getTableColumns, inArray, ne, or, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { invoiceLines, invoices, memberships, orderLines, orders, organizations, plans, products, seatAssignments, subscriptionEvents, subscriptions, users } from '../db/schema';
import { pendingChanges } from './commands';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const assignedCount = sql<number>`(select count(*)::int from ${seatAssignments} a where a.tenant_id = ${subscriptions.tenantId} and a.subscription_id = ${subscriptions.id})`;

/** The subscriptions of some organisations of the storefront, newest first, with what the list shows. */
export async function organizationSubscriptions(db: Db, tenantId: string, organizationIds: string[]) {
  if (!organizationIds.length) return [];
  return db
    .select({ sub: subscriptions, productName: products.name, planName: plans.name, assigned: assignedCount })
    .from(subscriptions)
    .innerJoin(plans, and(eq(plans.tenantId, subscriptions.catalogTenantId), eq(plans.id, subscriptions.planId)))
    .innerJoin(products, and(eq(products.tenantId, plans.tenantId), eq(products.id, plans.productId)))
    .where(and(eq(subscriptions.tenantId, tenantId), inArray(subscriptions.organizationId, organizationIds)))
    .orderBy(sql`${subscriptions.status} = 'cancelled'`, desc(subscriptions.createdAt))
    .limit(500);
}

/**
 * The plans a subscription of `product` can move to, its own product's first: every plan of the
 * product and of the products on its upgrade path, up (those it names) and down (those naming
 * it), of the same connector (./policy.ts planPath holds the same rule for the change itself).
 */
function plansOnPath(db: Db, product: typeof products.$inferSelect) {
  return db
    .select({ ...getTableColumns(plans), productName: products.name, product: { id: products.id, sku: products.sku, upgradesTo: products.upgradesTo, connectorKey: products.connectorKey, type: products.type } })
    .from(plans)
    .innerJoin(products, and(eq(products.tenantId, plans.tenantId), eq(products.id, plans.productId)))
    .where(
      and(
        eq(plans.tenantId, product.tenantId),
        or(
          eq(products.id, product.id),
          and(
            eq(products.connectorKey, product.connectorKey),
            ne(products.type, 'storefront_plan'),
            or(product.upgradesTo.length ? inArray(products.sku, product.upgradesTo) : sql`false`, sql`${product.sku} = any(${products.upgradesTo})`),
          ),
        ),
      ),
    )
    .orderBy(desc(sql`${products.id} = ${product.id}`), asc(products.sku), asc(plans.position), asc(plans.sku));
}

/**
 * One subscription with everything its page shows: plan and product, the other plans it could
 * move to (its own product's and its upgrade path's), its history, who has its seats, the organisation's people and its documents.
 */
export async function subscriptionDetail(db: Db, tenantId: string, id: string) {
  if (!UUID.test(id)) return null;
  const [row] = await db
    .select({ sub: subscriptions, plan: plans, product: products, licensee: orderLines.licensee })
    .from(subscriptions)
    .innerJoin(plans, and(eq(plans.tenantId, subscriptions.catalogTenantId), eq(plans.id, subscriptions.planId)))
    .innerJoin(products, and(eq(products.tenantId, plans.tenantId), eq(products.id, plans.productId)))
    .leftJoin(orderLines, and(eq(orderLines.tenantId, subscriptions.tenantId), eq(orderLines.id, subscriptions.orderLineId)))
    .where(and(eq(subscriptions.tenantId, tenantId), eq(subscriptions.id, id)));
  if (!row) return null;
  const { sub } = row;
  const [choices, events, assigned, people, documents, pending] = await Promise.all([
    plansOnPath(db, row.product),
    db.select().from(subscriptionEvents).where(and(eq(subscriptionEvents.tenantId, tenantId), eq(subscriptionEvents.subscriptionId, id))).orderBy(desc(subscriptionEvents.at)).limit(200),
    db
      .select({ userId: seatAssignments.userId, assignedAt: seatAssignments.assignedAt, email: users.email, name: users.name })
      .from(seatAssignments)
      .innerJoin(users, and(eq(users.tenantId, seatAssignments.tenantId), eq(users.id, seatAssignments.userId)))
      .where(and(eq(seatAssignments.tenantId, tenantId), eq(seatAssignments.subscriptionId, id)))
      .orderBy(asc(users.email)),
    db
      .select({ userId: users.id, email: users.email, name: users.name, role: memberships.role })
      .from(memberships)
      .innerJoin(users, and(eq(users.tenantId, memberships.tenantId), eq(users.id, memberships.userId)))
      .where(and(eq(memberships.tenantId, tenantId), eq(memberships.organizationId, sub.organizationId)))
      .orderBy(asc(users.email)),
    db
      .select()
      .from(invoices)
      .where(
        and(
          eq(invoices.tenantId, tenantId),
          or(
            eq(invoices.subscriptionId, id),
            inArray(invoices.orderId, db.select({ id: subscriptionEvents.orderId }).from(subscriptionEvents).where(and(eq(subscriptionEvents.tenantId, tenantId), eq(subscriptionEvents.subscriptionId, id)))),
          ),
        ),
      )
      .orderBy(desc(invoices.issuedAt)),
    pendingChanges(db, tenantId, id),
  ]);
  const scheduledPlan = sub.scheduledPlanId ? (choices.find((p) => p.id === sub.scheduledPlanId) ?? null) : null;
  return { ...row, choices, events, assigned, people, documents, scheduledPlan, ...pending };
}

/** The invoices and credit notes of some organisations, newest first. */
export async function organizationDocuments(db: Db, tenantId: string, organizationIds: string[]) {
  if (!organizationIds.length) return [];
  return db
    .select()
    .from(invoices)
    .where(and(eq(invoices.tenantId, tenantId), inArray(invoices.organizationId, organizationIds)))
    .orderBy(desc(invoices.issuedAt), desc(invoices.number))
    .limit(500);
}

/** One document with its lines; null when it is not this tenant's. */
export async function documentDetail(db: Db, tenantId: string, id: string) {
  if (!UUID.test(id)) return null;
  const [invoice] = await db.select().from(invoices).where(and(eq(invoices.tenantId, tenantId), eq(invoices.id, id)));
  if (!invoice) return null;
  const [lines, order, credited] = await Promise.all([
    db.select().from(invoiceLines).where(and(eq(invoiceLines.tenantId, tenantId), eq(invoiceLines.invoiceId, id))).orderBy(asc(invoiceLines.position)),
    invoice.orderId ? db.select({ number: orders.number }).from(orders).where(and(eq(orders.tenantId, tenantId), eq(orders.id, invoice.orderId))) : Promise.resolve([]),
    invoice.creditsInvoiceId ? db.select({ kind: invoices.kind, number: invoices.number }).from(invoices).where(and(eq(invoices.tenantId, tenantId), eq(invoices.id, invoice.creditsInvoiceId))) : Promise.resolve([]),
  ]);
  return { invoice, lines, orderNumber: order[0]?.number ?? null, credited: credited[0] ?? null };
}

/** The storefront's open invoices (on account, not paid yet), oldest due first, with the customer's name. */
export function storefrontOpenInvoices(db: Db, tenantId: string) {
  return db
    .select({ invoice: invoices, customer: organizations.name })
    .from(invoices)
    .innerJoin(organizations, and(eq(organizations.tenantId, invoices.tenantId), eq(organizations.id, invoices.organizationId)))
    .where(and(eq(invoices.tenantId, tenantId), eq(invoices.status, 'open')))
    .orderBy(asc(invoices.dueAt))
    .limit(200);
}
