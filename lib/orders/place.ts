import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db/client';
import { orderCounters, orderEvents, orderLines, orders, organizations, type LicenseeSnapshot, type LocalizedText, type OrderRow, type StorefrontChoice } from '../db/schema';
import { checkResale, collectCheckoutFields, licenseeChoices, storefrontRequest } from '../reselling/checkout';
import { orderInvoice } from '../invoices/orders';
import { spendCreditBalance } from '../invoices/credit';
import { takeDocumentNumber, writeDocument } from '../invoices/issue';
import { DomainError, invalidInput } from '../errors';
import type { Viewer } from '../identity/access';
import { availableMethods, PAYMENT_METHOD_KEYS, PAYMENT_METHODS, type PaymentMethodKey } from '../payments';
import { billingSnapshot } from '../identity/organizations';
import { organizationTax } from '../pricing/tax';
import { enqueueProvisioning } from './payment-events';
import { loadPricingContext, type PricingContext } from '../pricing/offer';
import { inServiceMode, type Tenant } from '../tenancy/types';
import { emptyCart, readCart } from './cart';
import { priceItems } from './pricing';
import { taxOn } from '../money';
import { canTransition } from './state';
import { shownCurrency } from '../pricing/currency';
import { enqueue } from '../jobs';

type Organization = typeof organizations.$inferSelect;

export const placeOrderInput = z.preprocess(
  collectCheckoutFields,
  z.object({
    organizationId: z.uuid(),
    paymentMethod: z.enum(PAYMENT_METHOD_KEYS, { error: 'choose how to pay' }),
    /** The customer's own purchase order reference, printed on the invoice. */
    purchaseOrder: z.string().trim().max(60, 'at most 60 characters').regex(/^[^\p{C}]*$/u, 'letters, digits and punctuation only').optional().transform((v) => v || null),
    /** Made by the checkout page; the same key sent twice (a double click, a retry) is one order. */
    idempotencyKey: z.string().regex(/^[A-Za-z0-9_-]{16,100}$/, 'must be 16–100 letters, digits, _ or -'),
    locale: z.string().regex(/^[a-z]{2}$/).default('en'),
    /** The currency the cart was shown in (lib/pricing/currency.ts); absent, the organisation's. */
    currency: z.string().trim().toUpperCase().regex(/^[A-Z]{3}$/, 'an ISO currency code such as EUR').optional(),
    /** Who holds each line's licence when a reseller company orders: itself or a resale licensee. */
    licensees: licenseeChoices.default({}),
    /** A storefront plan: the storefront to open. */
    storefront: storefrontRequest.optional(),
  }),
);
export type PlaceOrderInput = z.output<typeof placeOrderInput>;

/**
 * Places the viewer's cart as an order of its organisation, in the caller's transaction. Prices
 * are computed again here by the price engine; the browser only ever sent plans and seats. The
 * idempotency key is locked first, so concurrent submits of one key wait and find the one order.
 */
export async function placeOrder(db: Db, tenant: Tenant, viewer: Viewer, input: PlaceOrderInput, now: Date): Promise<{ order: OrderRow; created: boolean }> {
  const existing = await orderOfKey(db, tenant, viewer, input.idempotencyKey);
  if (existing) return { order: existing, created: false };

  // Read together: the organisation, the cart and the storefront's pricing.
  const [[org], cart, ctx] = await Promise.all([
    db.select().from(organizations).where(and(eq(organizations.tenantId, tenant.id), eq(organizations.id, input.organizationId))).execute(),
    readCart(db, tenant.id, { userId: viewer.userId, token: null }, now),
    loadPricingContext(db, tenant),
  ]);
  if (!org) throw new DomainError('not_found');
  if (input.currency && !tenant.currencies.includes(input.currency)) {
    throw invalidInput(`currency: this storefront sells in ${tenant.currencies.join(', ')}`, [`currency: one of ${tenant.currencies.join(', ')}`]);
  }
  const currency = shownCurrency(tenant, input.currency, org.currency);
  if (!PAYMENT_METHODS[input.paymentMethod].available(tenant, org, currency)) throw methodUnavailable(tenant, org, currency);
  const { cartId, items } = cart;
  if (!items.length) throw new DomainError('empty_cart');
  if (!ctx) throw new DomainError('no_offer');
  const lines = await orderLinesFor(db, tenant, ctx, org, items, { ...input, currency });
  // The emptied cart exists only if the order commits, like the order itself.
  await emptyCart(db, tenant.id, cartId!);
  const order = await writeOrder(db, tenant, viewer, org, input.paymentMethod, lines, { ...input, currency }, now);
  return { order, created: true };
}

/** A payment method this customer does not have: the refusal names those it has. */
function methodUnavailable(tenant: Tenant, org: Organization, currency?: string): DomainError<'payment_unavailable'> {
  const methods = availableMethods(tenant, org, currency).map((m) => m.key);
  return new DomainError('payment_unavailable', `That payment method is not available for your organisation. ${methods.length ? `It can pay by ${methods.join(', ')}.` : 'Ask the store how to pay.'}`, { methods });
}

/**
 * The order already placed with this idempotency key (by this viewer), after taking the key's
 * lock: concurrent submits of one key wait here and find the one order.
 */
export async function orderOfKey(db: Db, tenant: Tenant, viewer: Viewer, key: string): Promise<OrderRow | null> {
  await db.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`${tenant.id}:order:${key}`}, 0))`);
  const [existing] = await db.select().from(orders).where(and(eq(orders.tenantId, tenant.id), eq(orders.idempotencyKey, key)));
  if (existing && existing.userId !== viewer.userId) throw new DomainError('checkout_used');
  return existing ?? null;
}

/**
 * The lines of a new order of `org` for plans and seats: priced by the engine at the
 * organisation's prices (contract prices included) in its currency, with the resale rules
 * checked. The cart's checkout and an order staff place for a customer both come through here.
 */
export async function orderLinesFor(
  db: Db,
  tenant: Tenant,
  ctx: PricingContext,
  org: Organization,
  items: { planId: string; seats: number }[],
  input: { licensees: Record<string, string>; storefront?: PlaceOrderInput['storefront']; currency?: string },
): Promise<OrderLineInput[]> {
  const priced = await priceItems(db, ctx, items, input.currency ?? org.currency, org.id);
  const resale = await checkResale(db, tenant, org, priced, input);
  return priced.map((p, i) => ({
    kind: 'new',
    subscriptionId: null,
    seatsBefore: null,
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
    licensee: resale[i]!.licensee,
    storefront: resale[i]!.storefront,
  }));
}

/** One line of an order as written: a new subscription, or a prorated change of one. */
export interface OrderLineInput {
  kind: 'new' | 'add_seats' | 'upgrade';
  subscriptionId: string | null;
  seatsBefore: number | null;
  catalogTenantId: string;
  productId: string;
  planId: string;
  sku: string;
  productName: LocalizedText;
  planName: LocalizedText;
  billingPeriod: 'month' | 'year';
  termMonths: number;
  seats: number;
  unitWholesale: number;
  unitCost: number;
  unitPrice: number;
  amount: number;
  connector: string;
  /** For a change: the end of the subscription's current period (what the charge covers). */
  periodEnd?: Date;
  licensee?: LicenseeSnapshot | null;
  storefront?: StorefrontChoice | null;
}

/**
 * Writes an order of `org` with its lines, its history, its jobs and (on account) its invoice, in
 * the caller's transaction: the cart's checkout and a subscription's seat increase or upgrade both
 * come through here, so they are paid, provisioned and numbered alike.
 */
export async function writeOrder(
  db: Db,
  tenant: Tenant,
  viewer: Viewer,
  org: Organization,
  paymentMethod: PaymentMethodKey,
  lines: OrderLineInput[],
  input: { idempotencyKey: string; locale: string; purchaseOrder?: string | null; currency?: string },
  now: Date,
  options: { complimentary?: string } = {},
): Promise<OrderRow> {
  // Every way an order is made (checkout, a seat increase, an upgrade, the portal's) stops here.
  if (inServiceMode(tenant)) throw new DomainError('storefront_closed', 'This storefront takes no new orders.');
  const method = PAYMENT_METHODS[paymentMethod];
  // The lines were priced in it (orderLinesFor): the order, its credit and its invoice follow.
  const currency = input.currency ?? org.currency;
  // Complimentary (the distributor activating a plan from its console): nothing is charged, so
  // no payment method is asked for, no credit is used and no invoice is issued.
  const complimentary = options.complimentary !== undefined;
  if (complimentary && lines.some((l) => l.amount !== 0)) throw new Error('writeOrder: a complimentary order charges nothing');
  if (!complimentary && org.suspendedAt) throw new DomainError('account_suspended');
  if (!complimentary && !method.available(tenant, org, currency)) throw methodUnavailable(tenant, org, currency);
  const subtotal = lines.reduce((sum, p) => sum + p.amount, 0);
  const { basisPoints: taxBasisPoints, reverseCharge } = organizationTax(tenant, org);
  const tax = taxOn(subtotal, taxBasisPoints);
  const total = subtotal + tax;
  // Nothing to pay (a free plan): no payment page, provisioning starts at once.
  const { state, cause } = complimentary
    ? { state: 'provisioning' as const, cause: options.complimentary! }
    : total === 0
      ? { state: 'provisioning' as const, cause: 'nothing to pay' }
      : method.firstStep(tenant);
  if (!canTransition('placed', state)) throw new DomainError('illegal_transition', `A new order cannot go to ${state}.`);
  const orderId = randomUUID();
  const lineIds = lines.map(() => randomUUID());
  // The jobs exist only if the order commits, like the order itself.
  if (state === 'provisioning') await enqueueProvisioning(db, tenant.id, orderId, lineIds);
  // By transfer: the customer is mailed the invoice and how to pay it.
  if (paymentMethod === 'bank_transfer' && !complimentary && total > 0) await enqueue(db, 'order-mail', { tenantId: tenant.id, orderId, kind: 'awaiting_transfer' }, { singletonKey: `awaiting_transfer:${orderId}` });

  // Credit is spent one order of the organisation at a time (the method locks it), before any
  // number is taken.
  const alternatives = availableMethods(tenant, org, currency).map((m) => m.key).filter((k) => k !== paymentMethod);
  if (!complimentary) await method.admit({ db, organization: org, orderId, total, currency, locale: input.locale, alternatives });
  const billing = billingSnapshot(org);
  const purchaseOrder = input.purchaseOrder ?? null;
  // On account and by transfer the invoice is issued with the order (to be paid later); a card
  // order's when Stripe reports it paid. Nothing to pay (a free plan, by any method): issued paid.
  const invoice = !complimentary && (method.invoicedWithOrder || total === 0)
    ? await orderInvoice(db, { id: orderId, tenantId: tenant.id, organizationId: org.id, billing, paymentMethod, currency, taxBasisPoints, reverseCharge, purchaseOrder, locale: input.locale }, lines, total === 0 ? { at: now, reference: null } : null, now)
    : null;

  // The storefront's order and invoice counters are rows that every order of the storefront waits
  // on until commit (numbers have no gaps), so they are taken last, together, and only the order's
  // own rows follow them, sent together: two round trips and the commit, not one per statement.
  // (A statement cannot read the number as it is taken: Citus refuses subqueries in an INSERT.)
  const [number, invoiceNumber] = await Promise.all([
    db
      .insert(orderCounters)
      .values({ tenantId: tenant.id, lastNumber: 1 })
      .onConflictDoUpdate({ target: orderCounters.tenantId, set: { lastNumber: sql`${orderCounters.lastNumber} + 1` } })
      .returning({ number: orderCounters.lastNumber })
      .execute()
      .then(([counter]) => counter!.number),
    invoice ? takeDocumentNumber(db, tenant.id, 'invoice') : null,
  ]);
  const written = db
    .insert(orders)
    .values({
      tenantId: tenant.id,
      id: orderId,
      number,
      organizationId: org.id,
      userId: viewer.userId,
      idempotencyKey: input.idempotencyKey,
      state,
      paymentMethod,
      currency,
      subtotal,
      taxBasisPoints,
      tax,
      total,
      billing,
      purchaseOrder,
      reverseCharge,
      locale: input.locale,
      createdAt: now,
      updatedAt: now,
    })
    .returning()
    .execute();
  const rows = db
    .insert(orderLines)
    .values(
      lines.map(({ periodEnd: _periodEnd, ...p }, i) => ({ ...p, tenantId: tenant.id, orderId, id: lineIds[i], position: i + 1 })),
    )
    .execute();
  const events = db
    .insert(orderEvents)
    .values([
      { tenantId: tenant.id, orderId, fromState: null, toState: 'placed', cause: `placed by ${viewer.email}`, at: now },
      { tenantId: tenant.id, orderId, fromState: 'placed', toState: state, cause, at: now },
    ])
    .execute();
  const issued = invoice ? writeDocument(db, tenant, invoice, invoiceNumber!, now) : null;
  const [[order], , , document] = await Promise.all([written, rows, events, issued]);
  // On account, the customer's credit (a credit note on an invoice it had paid) pays first.
  if (document) await spendCreditBalance(db, document, now);
  return order!;
}
