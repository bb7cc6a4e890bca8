import { and, eq, gte, like } from 'drizzle-orm';
import type { Db } from '../db/client';
import { asDistributor, withTenant } from '../db/tenant';
import { invoices, orders, tenants } from '../db/schema';
import type { Tenant } from '../tenancy/types';
import { findDistributor } from '../tenancy/repo';
import { expireCardPayment, fulfilCardPayment, settleInvoiceCardPayment } from './payment-events';
import { recentCheckoutSessions, retrieveCheckoutSession, stripeConfigured, type CheckoutSessionInfo } from '../payments/stripe';

/**
 * The safety net for lost webhooks: card orders still awaiting payment (placed in the last two
 * days) are compared with their Checkout Sessions at Stripe, and paid ones are fulfilled, lapsed
 * ones cancelled, exactly as the webhook would have. Safe to run any number of times.
 */
export async function reconcilePayments(db: Db, now: Date): Promise<{ checked: number; fulfilled: number; cancelled: number }> {
  const result = { checked: 0, fulfilled: 0, cancelled: 0 };
  if (!stripeConfigured()) return result;
  const distributor = await findDistributor(db);
  if (!distributor) return result;
  const since = new Date(now.getTime() - 48 * 3600_000);
  const open = await asDistributor(db, distributor, (tx) =>
    tx
      .select({ tenantId: orders.tenantId, orderId: orders.id, reference: orders.paymentReference, account: tenants.stripeAccountId })
      .from(orders)
      .innerJoin(tenants, eq(tenants.id, orders.tenantId))
      .where(and(eq(orders.state, 'awaiting_payment'), eq(orders.paymentMethod, 'card'), gte(orders.createdAt, since))),
  );
  const listed = new Map<string, CheckoutSessionInfo[]>();
  for (const row of open) {
    if (!row.account) continue;
    result.checked++;
    let session: CheckoutSessionInfo | undefined;
    try {
      if (row.reference) session = await retrieveCheckoutSession(row.account, row.reference);
      else {
        if (!listed.has(row.account)) listed.set(row.account, await recentCheckoutSessions(row.account, since));
        session = listed.get(row.account)!.find((s) => s.orderId === row.orderId);
      }
    } catch (error) {
      console.error(`reconcile: order ${row.orderId}: ${(error as Error).message}`);
      continue;
    }
    if (!session) continue;
    const found = session;
    if (found.status === 'complete' && found.paid) {
      const outcome = await withTenant(db, row.tenantId, (tx) => fulfilCardPayment(tx, row.tenantId, found, 'payment found by reconciliation', now));
      if (outcome === 'fulfilled') result.fulfilled++;
    } else if (found.status === 'expired') {
      const outcome = await withTenant(db, row.tenantId, (tx) => expireCardPayment(tx, row.tenantId, found, now));
      if (outcome === 'fulfilled') result.cancelled++;
    }
  }
  result.fulfilled += await reconcileInvoicePayments(db, distributor, now);
  return result;
}

/** Open invoices with a payment page at Stripe: paid ones are settled as the webhook would have. */
async function reconcileInvoicePayments(db: Db, distributor: Tenant, now: Date): Promise<number> {
  const open = await asDistributor(db, distributor, (tx) =>
    tx
      .select({ tenantId: invoices.tenantId, reference: invoices.paymentReference, account: tenants.stripeAccountId })
      .from(invoices)
      .innerJoin(tenants, eq(tenants.id, invoices.tenantId))
      .where(and(eq(invoices.status, 'open'), like(invoices.paymentReference, 'cs\\_%')))
      .limit(500),
  );
  let settled = 0;
  for (const row of open) {
    if (!row.account || !row.reference) continue;
    try {
      const session = await retrieveCheckoutSession(row.account, row.reference);
      if (session.status !== 'complete' || !session.paid) continue;
      if ((await withTenant(db, row.tenantId, (tx) => settleInvoiceCardPayment(tx, row.tenantId, session, now))) === 'fulfilled') settled++;
    } catch (error) {
      console.error(`reconcile: invoice payment ${row.reference}: ${(error as Error).message}`);
    }
  }
  return settled;
}
