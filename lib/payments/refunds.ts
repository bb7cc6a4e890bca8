import { and, desc, eq, isNotNull } from 'drizzle-orm';
import type { Db } from '../db/client';
import { withTenant } from '../db/tenant';
import { invoices, orders, subscriptions, type InvoiceRow } from '../db/schema';
import { enqueue } from '../jobs';
import { getTenant } from '../tenancy/repo';
import { refundPayment, stripeConfigured } from './stripe';

/** Queues the refund of a card customer's credit note, in the transaction that issued it. */
export async function refundLater(db: Db, tenantId: string, invoiceId: string): Promise<void> {
  await enqueue(db, 'refund-credit', { tenantId, invoiceId }, { singletonKey: `refund:${invoiceId}` });
}

/**
 * The `refund-credit` job: a credit note of a card customer paid back to the card that paid for
 * the subscription (its latest paid invoice, else the order that bought it). Safe to run twice:
 * a refunded note carries the refund's id, and Stripe sees one idempotency key per note.
 */
export async function refundCredit(db: Db, job: { tenantId: string; invoiceId: string }): Promise<'refunded' | 'skipped'> {
  const tenant = await getTenant(db, job.tenantId);
  if (!tenant?.stripeAccountId || !stripeConfigured()) return 'skipped';
  const found = await withTenant(db, tenant.id, async (tx) => {
    const [note] = await tx.select().from(invoices).where(and(eq(invoices.tenantId, tenant.id), eq(invoices.id, job.invoiceId)));
    if (!note || note.kind !== 'credit_note' || note.paymentMethod !== 'card' || note.paymentReference) return null;
    let payment: string | null = null;
    if (note.creditsInvoiceId) {
      // By hand, against one invoice: the payment of that invoice (its own, else its order's).
      const [credited] = await tx.select().from(invoices).where(and(eq(invoices.tenantId, tenant.id), eq(invoices.id, note.creditsInvoiceId)));
      payment = credited ? await cardPaymentOf(tx, tenant.id, credited) : null;
    } else if (note.orderId) {
      const [order] = await tx.select({ reference: orders.paymentReference }).from(orders).where(and(eq(orders.tenantId, tenant.id), eq(orders.id, note.orderId)));
      payment = order?.reference ?? null;
    } else if (note.subscriptionId) {
      const [paid] = await tx
        .select({ reference: invoices.paymentReference })
        .from(invoices)
        .where(and(eq(invoices.tenantId, tenant.id), eq(invoices.subscriptionId, note.subscriptionId), eq(invoices.kind, 'invoice'), eq(invoices.status, 'paid'), isNotNull(invoices.paymentReference)))
        .orderBy(desc(invoices.issuedAt))
        .limit(1);
      if (paid?.reference?.startsWith('pi_')) payment = paid.reference;
      else {
        const [bought] = await tx
          .select({ reference: orders.paymentReference })
          .from(subscriptions)
          .innerJoin(orders, and(eq(orders.tenantId, subscriptions.tenantId), eq(orders.id, subscriptions.orderId)))
          .where(and(eq(subscriptions.tenantId, tenant.id), eq(subscriptions.id, note.subscriptionId)));
        payment = bought?.reference ?? null;
      }
    }
    return payment ? { note, payment } : null;
  });
  if (!found) return 'skipped';
  const refundId = await refundPayment({ account: tenant.stripeAccountId, payment: found.payment, amount: found.note.total, key: `refund_${found.note.id}`, metadata: { credit_note_id: found.note.id, tenant_id: tenant.id } });
  await withTenant(db, tenant.id, (tx) => tx.update(invoices).set({ paymentReference: refundId }).where(and(eq(invoices.tenantId, tenant.id), eq(invoices.id, found.note.id))));
  return 'refunded';
}

/** The card payment that paid an invoice (its own, else its order's), for a refund of a credit note against it. */
export async function cardPaymentOf(db: Db, tenantId: string, invoice: Pick<InvoiceRow, 'paymentReference' | 'orderId'>): Promise<string | null> {
  if (invoice.paymentReference?.startsWith('pi_')) return invoice.paymentReference;
  if (!invoice.orderId) return null;
  const [order] = await db.select({ reference: orders.paymentReference }).from(orders).where(and(eq(orders.tenantId, tenantId), eq(orders.id, invoice.orderId)));
  return order?.reference ?? null;
}
