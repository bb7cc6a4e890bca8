import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { invoices, type InvoiceRow } from '../db/schema';
import { DomainError } from '../errors';
import type { PaymentOutcome } from '../payments';
import { createInvoiceCheckoutSession, retrieveCheckoutSession, stripeConfigured, type CheckoutSessionInfo } from '../payments/stripe';
import type { Tenant } from '../tenancy/types';
import { documentNumber } from './format';
import { markInvoicePaid } from './issue';

/** Whether a customer of this storefront can pay an invoice by card. */
export function cardPaymentAvailable(tenant: Pick<Tenant, 'stripeAccountId' | 'stripeChargesEnabled'>): boolean {
  return stripeConfigured() && tenant.stripeAccountId !== null && tenant.stripeChargesEnabled;
}

async function lockInvoice(db: Db, tenantId: string, id: string): Promise<InvoiceRow | null> {
  const [row] = await db.select().from(invoices).where(and(eq(invoices.tenantId, tenantId), eq(invoices.id, id))).for('update');
  return row ?? null;
}

/**
 * Stripe's payment page for an open invoice on account. The invoice's row is locked, so a double
 * click lands on one page: a page still open is reused, a lapsed one replaced. The page's id is
 * kept on the invoice; only that page can pay it.
 */
export async function invoicePaymentPage(db: Db, tenant: Tenant, invoiceId: string, origin: string, returnPath: string, now: Date): Promise<string> {
  if (!cardPaymentAvailable(tenant)) throw new DomainError('payment_unavailable');
  const invoice = await lockInvoice(db, tenant.id, invoiceId);
  if (!invoice || invoice.kind !== 'invoice') throw new DomainError('not_found');
  if (invoice.status !== 'open') throw new DomainError('already_paid');
  if (invoice.paymentReference?.startsWith('cs_')) {
    const current = await retrieveCheckoutSession(tenant.stripeAccountId!, invoice.paymentReference).catch(() => null);
    if (current?.status === 'open' && current.url) return current.url;
  }
  const session = await createInvoiceCheckoutSession({
    account: tenant.stripeAccountId!,
    invoiceId: invoice.id,
    tenantId: tenant.id,
    title: `${tenant.name} ${documentNumber(invoice)}`,
    currency: invoice.currency,
    amount: invoice.total - invoice.creditApplied,
    email: invoice.buyer.email,
    locale: invoice.locale,
    successUrl: `${origin}${returnPath}?session_id={CHECKOUT_SESSION_ID}`,
    cancelUrl: `${origin}${returnPath}`,
    key: `invoice_${invoice.id}_${now.getTime()}`,
  });
  await db.update(invoices).set({ paymentReference: session.id }).where(and(eq(invoices.tenantId, tenant.id), eq(invoices.id, invoice.id)));
  if (!session.url) throw new DomainError('payment_failed');
  return session.url;
}

/**
 * An invoice's payment page Stripe reports as paid, from the webhook, the return page or the
 * reconciliation job, in any order: the invoice is marked paid once, and only by its own page
 * paying its own amount.
 */
export async function settleInvoicePayment(db: Db, tenantId: string, session: CheckoutSessionInfo, now: Date): Promise<PaymentOutcome> {
  if (!session.invoiceId || !/^[0-9a-f-]{36}$/i.test(session.invoiceId)) return 'unknown_order';
  const invoice = await lockInvoice(db, tenantId, session.invoiceId);
  if (!invoice || invoice.kind !== 'invoice') return 'unknown_order';
  if (invoice.status === 'paid') return 'already_paid';
  if (invoice.paymentReference !== session.id) return 'mismatch';
  if (!session.paid) return 'not_payable';
  if (session.amountTotal !== invoice.total - invoice.creditApplied || session.currency !== invoice.currency) {
    console.error(`payment for invoice ${invoice.id} does not match: ${session.amountTotal} ${session.currency} vs ${invoice.total - invoice.creditApplied} ${invoice.currency}`);
    return 'mismatch';
  }
  await markInvoicePaid(db, tenantId, invoice.id, now, session.paymentIntentId ?? session.id);
  return 'fulfilled';
}
