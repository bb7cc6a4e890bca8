import { and, eq, inArray, isNull, ne, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { orderLines, orders, type OrderRow } from '../db/schema';
import type { organizations } from '../db/schema';
import { DomainError } from '../errors';
import { enqueue } from '../jobs';
import { lockOrder, transition } from '../orders/state';
import { basisPointsToPercent, formatMoney } from '../pricing/money';
import type { Tenant } from '../tenancy/types';
import { createCheckoutSession, stripeConfigured, type CheckoutSessionInfo } from './stripe';

export type PaymentMethodKey = 'on_account' | 'card';
type Organization = typeof organizations.$inferSelect;

export interface PaymentMethod {
  key: PaymentMethodKey;
  /** Whether this customer may pay this way on this storefront. */
  available(tenant: Tenant, organization: Organization): boolean;
  /** In the order's own transaction, right after it was written (and its organisation locked). */
  accept(ctx: { db: Db; tenant: Tenant; organization: Organization; order: OrderRow; now: Date }): Promise<void>;
}

/**
 * On account: the seller invoices later. Allowed when the reseller enabled it for the organisation
 * and the order fits in its credit limit beside what is still open (orders on account not yet paid).
 */
export const onAccount: PaymentMethod = {
  key: 'on_account',
  available: (_tenant, org) => org.onAccount,
  async accept({ db, organization, order, now }) {
    const available = await creditAvailable(db, organization, order.id);
    if (order.total > available) {
      const money = (n: number) => formatMoney(Math.max(0, n), order.currency, order.locale);
      throw new DomainError(
        'credit_limit',
        `This order (${money(order.total)}) is over your credit limit on account: ${money(available)} of ${money(organization.creditLimit)} is available. Pay by card, or ask the store to raise the limit.`,
        [money(order.total), money(available), money(organization.creditLimit)],
      );
    }
    await startProvisioning(db, order, 'accepted on account', now);
  },
};

/**
 * What an organisation may still buy on account: its limit less what is open (orders on account
 * that are not paid; unpaid invoices are such orders too). Negative when over the limit.
 */
export async function creditAvailable(db: Db, organization: Organization, excludeOrderId?: string): Promise<number> {
  const [open] = await db
    .select({ amount: sql<number>`coalesce(sum(${orders.total}), 0)`.mapWith(Number) })
    .from(orders)
    .where(
      and(
        eq(orders.tenantId, organization.tenantId),
        eq(orders.organizationId, organization.id),
        eq(orders.paymentMethod, 'on_account'),
        isNull(orders.paidAt),
        inArray(orders.state, ['placed', 'awaiting_payment', 'paid', 'provisioning', 'completed']),
        ...(excludeOrderId ? [ne(orders.id, excludeOrderId)] : []),
      ),
    );
  return organization.creditLimit - (open?.amount ?? 0);
}

/** By card through Stripe, on the reseller's connected account; paid when Stripe says so. */
export const card: PaymentMethod = {
  key: 'card',
  available: (tenant) => stripeConfigured() && tenant.stripeAccountId !== null,
  async accept({ db, order, now }) {
    await transition(db, order, 'awaiting_payment', 'waiting for the card payment', now);
  },
};

export const PAYMENT_METHODS: Record<PaymentMethodKey, PaymentMethod> = { on_account: onAccount, card };

export function availableMethods(tenant: Tenant, organization: Organization): PaymentMethod[] {
  return Object.values(PAYMENT_METHODS).filter((m) => m.available(tenant, organization));
}

/** Paid or accepted: provisioning starts (one job per line) and the mails go out, all with the change. */
export async function startProvisioning(db: Db, order: OrderRow, cause: string, now: Date): Promise<void> {
  await transition(db, order, 'provisioning', cause, now);
  const lines = await db.select({ id: orderLines.id }).from(orderLines).where(and(eq(orderLines.tenantId, order.tenantId), eq(orderLines.orderId, order.id)));
  for (const line of lines) {
    await enqueue(db, 'provision-line', { tenantId: order.tenantId, orderId: order.id, lineId: line.id }, { singletonKey: `line:${line.id}` });
  }
  await enqueue(db, 'order-mail', { tenantId: order.tenantId, orderId: order.id, kind: 'confirmation' }, { singletonKey: `confirmation:${order.id}` });
  await enqueue(db, 'order-mail', { tenantId: order.tenantId, orderId: order.id, kind: 'new_order' }, { singletonKey: `new_order:${order.id}` });
}

export type PaymentOutcome = 'fulfilled' | 'already_paid' | 'not_payable' | 'mismatch' | 'unknown_order';

/**
 * A card payment Stripe reports as complete, from the webhook, the success page or the
 * reconciliation job, in whichever order they come: the order row is locked and only an order
 * still awaiting this very payment is fulfilled, so it happens exactly once.
 */
export async function fulfilCardPayment(db: Db, tenantId: string, session: CheckoutSessionInfo, cause: string, now: Date): Promise<PaymentOutcome> {
  if (!session.orderId || !/^[0-9a-f-]{36}$/i.test(session.orderId)) return 'unknown_order';
  const order = await lockOrder(db, tenantId, session.orderId);
  if (!order || order.paymentMethod !== 'card') return 'unknown_order';
  if (order.paymentReference && order.paymentReference !== session.id) return 'mismatch';
  if (order.state !== 'awaiting_payment') return order.paidAt ? 'already_paid' : 'not_payable';
  if (!session.paid) return 'not_payable';
  // The amount must be the one our price engine charged, in its currency.
  if (session.amountTotal !== order.total || session.currency !== order.currency) {
    console.error(`payment for order ${order.id} does not match: ${session.amountTotal} ${session.currency} vs ${order.total} ${order.currency}`);
    return 'mismatch';
  }
  await db.update(orders).set({ paymentReference: session.id }).where(and(eq(orders.tenantId, tenantId), eq(orders.id, order.id)));
  await transition(db, order, 'paid', cause, now);
  await startProvisioning(db, order, 'payment received', now);
  return 'fulfilled';
}

/** A checkout session that lapsed unpaid cancels its order (a late payment event finds it final). */
export async function expireCardPayment(db: Db, tenantId: string, session: CheckoutSessionInfo, now: Date): Promise<PaymentOutcome> {
  if (!session.orderId || !/^[0-9a-f-]{36}$/i.test(session.orderId)) return 'unknown_order';
  const order = await lockOrder(db, tenantId, session.orderId);
  if (!order || order.paymentMethod !== 'card') return 'unknown_order';
  if (order.state !== 'awaiting_payment') return 'not_payable';
  await transition(db, order, 'cancelled', 'the payment page expired unpaid', now);
  return 'fulfilled';
}

/** The Stripe payment page of a card order (the same one on every retry: idempotent per order). */
export async function checkoutPage(db: Db, tenant: Tenant, order: OrderRow, origin: string, orderPath: string, cancelPath: string): Promise<string> {
  if (!tenant.stripeAccountId) throw new DomainError('payment_unavailable');
  const lines = await db.select().from(orderLines).where(and(eq(orderLines.tenantId, order.tenantId), eq(orderLines.orderId, order.id))).orderBy(orderLines.position);
  const items = lines.map((l) => ({ name: `${l.productName[order.locale] ?? l.productName.en} – ${l.planName[order.locale] ?? l.planName.en}`, unitAmount: l.unitPrice, quantity: l.seats }));
  if (order.tax > 0) items.push({ name: `Tax ${basisPointsToPercent(order.taxBasisPoints)} %`, unitAmount: order.tax, quantity: 1 });
  const session = await createCheckoutSession({
    account: tenant.stripeAccountId,
    orderId: order.id,
    tenantId: tenant.id,
    orderNumber: order.number,
    currency: order.currency,
    lines: items,
    email: order.billing.email,
    locale: order.locale,
    successUrl: `${origin}${orderPath}?session_id={CHECKOUT_SESSION_ID}`,
    cancelUrl: `${origin}${cancelPath}`,
  });
  await db.update(orders).set({ paymentReference: session.id }).where(and(eq(orders.tenantId, order.tenantId), eq(orders.id, order.id)));
  if (!session.url) throw new DomainError('payment_failed');
  return session.url;
}
