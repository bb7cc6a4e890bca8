import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { invoices, orderLines, orders, type OrderRow } from '../db/schema';
import { invoiceOrder } from '../invoices/orders';
import { markInvoicePaid } from '../invoices/issue';
import { settleInvoicePayment } from '../invoices/pay';
import { enqueueMany } from '../jobs';
import type { PaymentOutcome } from '../payments';
import type { CheckoutSessionInfo } from '../payments/stripe';
import { getTenant } from '../tenancy/repo';
import { lockOrder, transition } from './state';

// What a payment does to an order: the order state machine's payment events. lib/payments only
// talks to Stripe and holds the payment methods, credit and refunds; it never moves an order.

/** A paid card order: provisioning starts and the mails go out, all with the change. */
export async function startProvisioning(db: Db, order: OrderRow, cause: string, now: Date): Promise<void> {
  await transition(db, order, 'provisioning', cause, now);
  const lines = await db.select({ id: orderLines.id }).from(orderLines).where(and(eq(orderLines.tenantId, order.tenantId), eq(orderLines.orderId, order.id)));
  await enqueueProvisioning(db, order.tenantId, order.id, lines.map((l) => l.id));
}

/** One provisioning job per line and the two order mails, in the caller's transaction. */
export async function enqueueProvisioning(db: Db, tenantId: string, orderId: string, lineIds: string[]): Promise<void> {
  // Two statements, sent together, whatever the number of lines.
  await Promise.all([
    enqueueMany(db, 'provision-line', lineIds.map((lineId) => ({ data: { tenantId, orderId, lineId }, singletonKey: `line:${lineId}` }))),
    enqueueMany(db, 'order-mail', [
      { data: { tenantId, orderId, kind: 'confirmation' as const }, singletonKey: `confirmation:${orderId}` },
      { data: { tenantId, orderId, kind: 'new_order' as const }, singletonKey: `new_order:${orderId}` },
    ]),
  ]);
}

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
  const tenant = await getTenant(db, tenantId);
  if (tenant) await invoiceOrder(db, tenant, order, null, { at: now, reference: session.id }, now);
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

/**
 * An order's invoice paid (the storefront saw the transfer arrive, or the customer paid it by
 * card): an order still waiting for that money is paid and its provisioning starts, once.
 */
async function orderOfInvoicePaid(db: Db, tenantId: string, invoiceId: string, cause: string, now: Date): Promise<void> {
  const [invoice] = await db.select({ orderId: invoices.orderId }).from(invoices).where(and(eq(invoices.tenantId, tenantId), eq(invoices.id, invoiceId)));
  if (!invoice?.orderId) return;
  const order = await lockOrder(db, tenantId, invoice.orderId);
  if (!order || order.paymentMethod !== 'bank_transfer' || order.state !== 'awaiting_payment') return;
  await transition(db, order, 'paid', cause, now);
  await startProvisioning(db, order, 'payment received', now);
}

/** The storefront marks an invoice paid; paying twice changes nothing. */
export async function markPaidByStore(db: Db, tenantId: string, invoiceId: string, by: string, now: Date): Promise<'paid' | 'already_paid' | 'not_found'> {
  const outcome = await markInvoicePaid(db, tenantId, invoiceId, now, `marked paid by ${by}`);
  if (outcome === 'paid') await orderOfInvoicePaid(db, tenantId, invoiceId, `payment received, marked paid by ${by}`, now);
  return outcome;
}

/** An invoice's card payment Stripe reports (webhook, return page, reconciliation), with what it pays for. */
export async function settleInvoiceCardPayment(db: Db, tenantId: string, session: CheckoutSessionInfo, now: Date): Promise<PaymentOutcome> {
  const outcome = await settleInvoicePayment(db, tenantId, session, now);
  if (outcome === 'fulfilled' && session.invoiceId) await orderOfInvoicePaid(db, tenantId, session.invoiceId, 'invoice paid by card', now);
  return outcome;
}
