import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db/client';
import { orderCounters, orderEvents, orderLines, orders, organizations, type OrderRow } from '../db/schema';
import { DomainError } from '../errors';
import type { Viewer } from '../identity/access';
import { PAYMENT_METHODS } from '../payments';
import { loadPricingContext } from '../pricing/offer';
import type { Tenant } from '../tenancy/types';
import { cartContents, emptyCart, findCart } from './cart';
import { priceItems, taxOn } from './pricing';

export const placeOrderInput = z.object({
  organizationId: z.uuid(),
  paymentMethod: z.enum(['on_account', 'card']),
  /** Made by the checkout page; the same key sent twice (a double click, a retry) is one order. */
  idempotencyKey: z.string().regex(/^[A-Za-z0-9_-]{16,100}$/, 'must be 16–100 letters, digits, _ or -'),
  locale: z.string().regex(/^[a-z]{2}$/).default('en'),
});
export type PlaceOrderInput = z.output<typeof placeOrderInput>;

/**
 * Places the viewer's cart as an order of its organisation, in the caller's transaction. Prices
 * are computed again here by the price engine; the browser only ever sent plans and seats. The
 * idempotency key is locked first, so concurrent submits of one key wait and find the one order.
 */
export async function placeOrder(db: Db, tenant: Tenant, viewer: Viewer, input: PlaceOrderInput, now: Date): Promise<{ order: OrderRow; created: boolean }> {
  await db.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`${tenant.id}:order:${input.idempotencyKey}`}, 0))`);
  const [existing] = await db.select().from(orders).where(and(eq(orders.tenantId, tenant.id), eq(orders.idempotencyKey, input.idempotencyKey)));
  if (existing) {
    if (existing.userId !== viewer.userId) throw new DomainError('conflict', 'This checkout was already used. Reload the checkout page and try again.');
    return { order: existing, created: false };
  }

  const [org] = await db
    .select()
    .from(organizations)
    .where(and(eq(organizations.tenantId, tenant.id), eq(organizations.id, input.organizationId)))
    .for('update');
  if (!org) throw new DomainError('not_found');
  const method = PAYMENT_METHODS[input.paymentMethod];
  if (!method.available(tenant, org)) throw new DomainError('payment_unavailable');

  const cartId = await findCart(db, tenant.id, { userId: viewer.userId, token: null }, now);
  const items = cartId ? await cartContents(db, tenant.id, cartId) : [];
  if (!items.length) throw new DomainError('empty_cart');
  const ctx = await loadPricingContext(db, tenant);
  if (!ctx) throw new DomainError('no_offer');
  const priced = await priceItems(db, ctx, items, org.currency, org.id);

  const subtotal = priced.reduce((sum, p) => sum + p.amount, 0);
  const taxBasisPoints = tenant.taxRates[org.country] ?? 0;
  const tax = taxOn(subtotal, taxBasisPoints);
  const [counter] = await db
    .insert(orderCounters)
    .values({ tenantId: tenant.id, lastNumber: 1 })
    .onConflictDoUpdate({ target: orderCounters.tenantId, set: { lastNumber: sql`${orderCounters.lastNumber} + 1` } })
    .returning({ number: orderCounters.lastNumber });

  const [order] = await db
    .insert(orders)
    .values({
      tenantId: tenant.id,
      number: counter!.number,
      organizationId: org.id,
      userId: viewer.userId,
      idempotencyKey: input.idempotencyKey,
      state: 'placed',
      paymentMethod: input.paymentMethod,
      currency: org.currency,
      subtotal,
      taxBasisPoints,
      tax,
      total: subtotal + tax,
      billing: { name: org.name, country: org.country, email: org.billingEmail, taxId: org.taxId },
      locale: input.locale,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  await db.insert(orderLines).values(
    priced.map((p, i) => ({
      tenantId: tenant.id,
      orderId: order!.id,
      position: i + 1,
      catalogTenantId: p.catalogTenantId,
      productId: p.productId,
      planId: p.planId,
      sku: p.sku,
      productName: p.productName,
      planName: p.planName,
      billingPeriod: p.billingPeriod,
      termMonths: p.termMonths,
      seats: p.seats,
      unitWholesale: p.waterfall.wholesale,
      unitCost: p.waterfall.cost,
      unitPrice: p.waterfall.sell,
      amount: p.amount,
      connector: p.connector,
    })),
  );
  await db.insert(orderEvents).values({ tenantId: tenant.id, orderId: order!.id, fromState: null, toState: 'placed', cause: `placed by ${viewer.email}`, at: now });
  await method.accept({ db, tenant, organization: org, order: order!, now });
  await emptyCart(db, tenant.id, cartId!);
  return { order: order!, created: true };
}
