import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { paymentEvents, tenants } from '../db/schema';
import { withTenant } from '../db/tenant';
import type { PaymentOutcome } from '../payments';
import { expireCardPayment, fulfilCardPayment, settleInvoiceCardPayment } from './payment-events';
import type { PaymentEvent } from '../payments/stripe';
import { recordAccountStatus } from '../payments/stripe-connect';

export type WebhookOutcome = PaymentOutcome | 'duplicate' | 'ignored' | 'account_updated';

/**
 * Acts on one verified Stripe event. The event id is recorded in the same transaction as its
 * effect, so a replay, or a copy arriving concurrently (it waits for the first one's row), changes
 * nothing; an event whose effect fails is not recorded, and Stripe's retry tries again.
 */
export async function handleStripeEvent(db: Db, event: PaymentEvent, now: Date): Promise<WebhookOutcome> {
  if (!event.account) return 'ignored';
  const [tenant] = await db.select({ id: tenants.id }).from(tenants).where(eq(tenants.stripeAccountId, event.account));
  if (!tenant) return 'ignored';
  return withTenant(db, tenant.id, async (tx) => {
    const recorded = await tx
      .insert(paymentEvents)
      .values({ tenantId: tenant.id, eventId: event.id, type: event.type, outcome: 'received', receivedAt: now })
      .onConflictDoNothing()
      .returning({ id: paymentEvents.eventId });
    if (!recorded.length) return 'duplicate';
    let outcome: WebhookOutcome = 'ignored';
    const session = event.session;
    if (session && (event.type === 'checkout.session.completed' || event.type === 'checkout.session.async_payment_succeeded')) {
      // `completed` with a delayed method is not paid yet; its async_payment_succeeded follows.
      outcome = session.invoiceId
        ? await settleInvoiceCardPayment(tx, tenant.id, session, now)
        : await fulfilCardPayment(tx, tenant.id, session, `Stripe event ${event.type} (${event.id})`, now);
    } else if (event.type === 'account.updated' && event.accountStatus?.id === event.account) {
      outcome = await recordAccountStatus(tx, tenant.id, event.accountStatus, now);
    } else if (session && !session.invoiceId && (event.type === 'checkout.session.expired' || event.type === 'checkout.session.async_payment_failed')) {
      // (An invoice's lapsed page changes nothing: the invoice stays open, a new page can be made.)
      outcome = await expireCardPayment(tx, tenant.id, session, now);
    }
    await tx.update(paymentEvents).set({ outcome }).where(and(eq(paymentEvents.tenantId, tenant.id), eq(paymentEvents.eventId, event.id)));
    return outcome;
  });
}
