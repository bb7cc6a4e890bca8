import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db/client';
import { orderCounters, orderEvents, orderLines, orders, organizations, type OrderRow } from '../db/schema';
import { DomainError } from '../errors';
import type { Viewer } from '../identity/access';
import { enqueueProvisioning, PAYMENT_METHODS } from '../payments';
import { loadPricingContext } from '../pricing/offer';
import type { Tenant } from '../tenancy/types';
import { emptyCart, readCart } from './cart';
import { priceItems, taxOn } from './pricing';
import { canTransition } from './state';

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

  // Read together: the organisation, the cart and the storefront's pricing.
  const [[org], cart, ctx] = await Promise.all([
    db.select().from(organizations).where(and(eq(organizations.tenantId, tenant.id), eq(organizations.id, input.organizationId))).execute(),
    readCart(db, tenant.id, { userId: viewer.userId, token: null }, now),
    loadPricingContext(db, tenant),
  ]);
  if (!org) throw new DomainError('not_found');
  const method = PAYMENT_METHODS[input.paymentMethod];
  if (!method.available(tenant, org)) throw new DomainError('payment_unavailable');
  const { cartId, items } = cart;
  if (!items.length) throw new DomainError('empty_cart');
  if (!ctx) throw new DomainError('no_offer');
  const priced = await priceItems(db, ctx, items, org.currency, org.id);

  const subtotal = priced.reduce((sum, p) => sum + p.amount, 0);
  const taxBasisPoints = tenant.taxRates[org.country] ?? 0;
  const tax = taxOn(subtotal, taxBasisPoints);
  const total = subtotal + tax;
  const { state, cause } = method.firstStep;
  if (!canTransition('placed', state)) throw new DomainError('illegal_transition', `A new order cannot go to ${state}.`);
  const orderId = randomUUID();
  const lineIds = priced.map(() => randomUUID());
  // The jobs and the emptied cart exist only if the order commits, like the order itself.
  if (state === 'provisioning') await enqueueProvisioning(db, tenant.id, orderId, lineIds);
  await emptyCart(db, tenant.id, cartId!);

  // The storefront's order counter is one row that every order of the storefront waits on until
  // commit (numbers have no gaps), so it is taken last and little follows it. Holding it also
  // places the storefront's orders one at a time: credit on account cannot be spent twice.
  const [counter] = await db
    .insert(orderCounters)
    .values({ tenantId: tenant.id, lastNumber: 1 })
    .onConflictDoUpdate({ target: orderCounters.tenantId, set: { lastNumber: sql`${orderCounters.lastNumber} + 1` } })
    .returning({ number: orderCounters.lastNumber });
  // Sent together, not each after the answer to the one before: the connection runs them in the
  // order they are started here, and a refusal from the payment method rolls them all back.
  const admitted = method.admit({ db, organization: org, orderId, total, currency: org.currency, locale: input.locale });
  const written = db
    .insert(orders)
    .values({
      tenantId: tenant.id,
      id: orderId,
      number: counter!.number,
      organizationId: org.id,
      userId: viewer.userId,
      idempotencyKey: input.idempotencyKey,
      state,
      paymentMethod: input.paymentMethod,
      currency: org.currency,
      subtotal,
      taxBasisPoints,
      tax,
      total,
      billing: { name: org.name, country: org.country, email: org.billingEmail, taxId: org.taxId },
      locale: input.locale,
      createdAt: now,
      updatedAt: now,
    })
    .returning()
    .execute();
  const lines = db
    .insert(orderLines)
    .values(
      priced.map((p, i) => ({
        tenantId: tenant.id,
        orderId,
        id: lineIds[i],
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
    )
    .execute();
  const events = db
    .insert(orderEvents)
    .values([
      { tenantId: tenant.id, orderId, fromState: null, toState: 'placed', cause: `placed by ${viewer.email}`, at: now },
      { tenantId: tenant.id, orderId, fromState: 'placed', toState: state, cause, at: now },
    ])
    .execute();
  const [, [order]] = await Promise.all([admitted, written, lines, events]);
  return { order: order!, created: true };
}
