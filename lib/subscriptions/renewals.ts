import { and, eq, gt, isNull, lte, ne, or, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { asDistributor, withTenant } from '../db/tenant';
import { orderLines, orders, organizations, plans, products, seatAssignments, subscriptions, type SubscriptionRow } from '../db/schema';
import { issueDocument } from '../invoices/issue';
import { describe, forLicensee } from '../invoices/orders';
import { enqueue } from '../jobs';
import { taxOn } from '../money';
import { chargeRenewal, type RenewalCharger } from '../payments/renewal';
import { spendCreditBalance } from '../invoices/credit';
import { billingSnapshot } from '../identity/organizations';
import { organizationTax } from '../pricing/tax';
import { findDistributor, getTenant } from '../tenancy/repo';
import type { Tenant } from '../tenancy/types';
import { pricePlanFor } from './prices';
import { lockSubscription, mailAbout, recordEvent, syncVendor } from './history';
import { addMonths, periodMonths } from '../periods';

/** Card renewals tried this many times before the subscription is suspended. */
export const RENEWAL_ATTEMPTS = 3;
/** Days between the attempts. */
export const RENEWAL_RETRY_DAYS = [1, 3];
/** How long before the renewal date the customer is reminded. */
export const REMINDER_DAYS = 7;

export interface RenewalDeps {
  now: Date;
  charge?: RenewalCharger;
}

export type RenewalOutcome = 'renewed' | 'ended' | 'payment_failed' | 'suspended' | 'skipped';

/**
 * The scheduled renewal run: every active subscription whose period has ended is renewed (or
 * ends, when set to cancel or not to renew), and reminders go out for those renewing within
 * seven days. Each subscription is handled in its own transaction with its row locked, and a
 * renewal moves the period on in the same transaction as its invoice: two runs at once renew a
 * period once, and a run killed half-way leaves nothing behind that the next run would double.
 */
export async function renewDue(db: Db, deps: RenewalDeps): Promise<Record<RenewalOutcome | 'reminded' | 'errors', number>> {
  const counts = { renewed: 0, ended: 0, payment_failed: 0, suspended: 0, skipped: 0, reminded: 0, errors: 0 };
  const distributor = await findDistributor(db);
  if (!distributor) return counts;
  const { now } = deps;
  const due = await asDistributor(db, distributor, (tx) =>
    tx
      .select({ tenantId: subscriptions.tenantId, id: subscriptions.id })
      .from(subscriptions)
      .where(and(eq(subscriptions.status, 'active'), lte(subscriptions.currentPeriodEnd, now), or(isNull(subscriptions.renewalRetryAt), lte(subscriptions.renewalRetryAt, now))))
      .orderBy(subscriptions.currentPeriodEnd)
      .limit(5000),
  );
  const tenants = new Map<string, Tenant | null>();
  const tenantOf = async (id: string) => {
    if (!tenants.has(id)) tenants.set(id, await getTenant(db, id));
    return tenants.get(id)!;
  };
  for (const row of due) {
    const tenant = await tenantOf(row.tenantId);
    if (!tenant) continue;
    // A subscription left behind for several periods (the server was off) renews each in turn.
    for (let period = 0; period < 36; period++) {
      let outcome: RenewalOutcome;
      try {
        outcome = await withTenant(db, tenant.id, (tx) => renewOne(tx, tenant, row.id, deps));
      } catch (error) {
        // Its transaction rolled back: nothing of it stays, and the next run tries it again. The
        // other subscriptions due do not wait for it.
        console.error(`renewal of subscription ${row.id} failed: ${(error as Error).message}`);
        counts.errors++;
        break;
      }
      counts[outcome]++;
      if (outcome !== 'renewed') break;
    }
  }
  counts.reminded = await sendReminders(db, distributor, now);
  return counts;
}

/** The next period's end, counted from the subscription's first day so short months do not drift. */
export function nextPeriodEnd(anchor: Date, periodEnd: Date, billingPeriod: 'month' | 'year'): Date {
  const step = periodMonths(billingPeriod);
  for (let n = step; n < 12 * 200; n += step) {
    const end = addMonths(anchor, n);
    if (end > periodEnd) return end;
  }
  throw new Error('nextPeriodEnd: no end found');
}

export async function renewOne(tx: Db, tenant: Tenant, subscriptionId: string, deps: RenewalDeps): Promise<RenewalOutcome> {
  const { now } = deps;
  const sub = await lockSubscription(tx, tenant.id, subscriptionId);
  // Read again under the lock: another run may have renewed it meanwhile.
  if (!sub || sub.status !== 'active' || sub.currentPeriodEnd > now) return 'skipped';
  if (sub.renewalRetryAt && sub.renewalRetryAt > now) return 'skipped';
  if (sub.cancelAtPeriodEnd || !sub.autoRenew) {
    await tx.update(subscriptions).set({ status: 'cancelled', cancelledAt: sub.currentPeriodEnd, updatedAt: now }).where(and(eq(subscriptions.tenantId, sub.tenantId), eq(subscriptions.id, sub.id)));
    await tx.delete(seatAssignments).where(and(eq(seatAssignments.tenantId, sub.tenantId), eq(seatAssignments.subscriptionId, sub.id)));
    const eventId = await recordEvent(tx, { tenantId: sub.tenantId, subscriptionId: sub.id, at: now, actor: 'system', kind: 'ended', seatsFrom: sub.seats, note: sub.cancelAtPeriodEnd ? 'cancelled at the end of the period' : 'not renewed (auto-renew off)' });
    await syncVendor(tx, sub, 'cancel', eventId);
    await mailAbout(tx, sub, eventId);
    return 'ended';
  }

  const [[org], [assigned], [origin], [bought]] = await Promise.all([
    tx.select().from(organizations).where(and(eq(organizations.tenantId, tenant.id), eq(organizations.id, sub.organizationId))).execute(),
    tx.select({ n: sql<number>`count(*)::int` }).from(seatAssignments).where(and(eq(seatAssignments.tenantId, tenant.id), eq(seatAssignments.subscriptionId, sub.id))).execute(),
    tx.select({ locale: orders.locale, reference: orders.paymentReference }).from(orders).where(and(eq(orders.tenantId, tenant.id), eq(orders.id, sub.orderId))).execute(),
    tx.select({ licensee: orderLines.licensee }).from(orderLines).where(and(eq(orderLines.tenantId, tenant.id), eq(orderLines.id, sub.orderLineId))).execute(),
  ]);
  if (!org) return 'skipped';
  const locale = origin?.locale ?? tenant.defaultLocale;
  const seats = Math.max(sub.scheduledSeats ?? sub.seats, assigned?.n ?? 0);
  let planId = sub.planId;
  let price = { unitPrice: sub.unitPrice, unitCost: sub.unitCost, unitWholesale: sub.unitWholesale };
  let note: string | null = null;
  if (sub.scheduledPlanId) {
    try {
      const priced = await pricePlanFor(tx, tenant, sub, sub.scheduledPlanId, seats);
      planId = sub.scheduledPlanId;
      price = { unitPrice: priced.waterfall.sell, unitCost: priced.waterfall.cost, unitWholesale: priced.waterfall.wholesale };
    } catch (error) {
      // The plan is no longer sold (or priced): renew on the current one and say why.
      note = `the scheduled plan change could not be applied: ${(error as Error).message}`;
    }
  }
  const [row] = await tx
    .select({ plan: plans, product: products })
    .from(plans)
    .innerJoin(products, and(eq(products.tenantId, plans.tenantId), eq(products.id, plans.productId)))
    .where(and(eq(plans.tenantId, sub.catalogTenantId), eq(plans.id, planId)));
  if (!row) return 'skipped';
  const start = sub.currentPeriodEnd;
  // A plan billed over another period starts its own count at this renewal.
  const billingPeriod = row.plan.billingPeriod;
  const periodAnchor = billingPeriod === sub.billingPeriod ? sub.periodAnchor : start;
  const end = nextPeriodEnd(periodAnchor ?? sub.createdAt, start, billingPeriod);
  const amount = price.unitPrice * seats;
  const { basisPoints: taxBasisPoints, reverseCharge } = organizationTax(tenant, org);

  let paid: { at: Date; reference: string | null } | null = null;
  let card = {};
  const total = amount + taxOn(amount, taxBasisPoints);
  // A free plan renews with nothing to charge (Stripe refuses a charge of 0): its invoice is paid.
  if (total === 0) paid = { at: now, reference: null };
  else if (sub.paymentMethod === 'card') {
    const charge = deps.charge ?? chargeRenewal;
    const result = await charge({ tenant, subscription: sub, amount: total, currency: sub.currency, key: `renewal_${sub.id}_${start.getTime()}_${sub.renewalFailures + 1}`, checkoutSessionId: origin?.reference ?? null });
    if (!result.ok) return failRenewal(tx, sub, result.reason, now);
    paid = { at: now, reference: result.reference };
    if (result.card) card = { stripeCustomerId: result.card.customerId, stripePaymentMethodId: result.card.paymentMethodId };
  }
  const { invoice: issued } = await issueDocument(
    tx,
    tenant,
    {
      kind: 'invoice',
      sourceKey: `renewal:${sub.id}:${start.toISOString()}`,
      organizationId: org.id,
      buyer: billingSnapshot(org),
      subscriptionId: sub.id,
      paymentMethod: sub.paymentMethod,
      paid,
      currency: sub.currency,
      taxBasisPoints,
      reverseCharge,
      locale,
      lines: [{ description: forLicensee(describe(row.product.name, row.plan.name, 'renewal'), bought?.licensee),  periodStart: start, periodEnd: end, quantity: seats, unitPrice: price.unitPrice, unitCost: price.unitCost, amount }],
    },
    now,
  );
  // On account, the customer's credit (a credit note on an invoice it had paid) pays first.
  const invoice = await spendCreditBalance(tx, issued, now);
  await tx
    .update(subscriptions)
    .set({ seats, productId: row.product.id, planId, billingPeriod, periodAnchor, ...price, ...card, currentPeriodStart: start, currentPeriodEnd: end, scheduledSeats: null, scheduledPlanId: null, renewalFailures: 0, renewalRetryAt: null, updatedAt: now })
    .where(and(eq(subscriptions.tenantId, sub.tenantId), eq(subscriptions.id, sub.id)));
  const eventId = await recordEvent(tx, {
    tenantId: sub.tenantId,
    subscriptionId: sub.id,
    at: now,
    actor: 'system',
    kind: 'renewed',
    seatsFrom: sub.seats,
    seatsTo: seats,
    planFrom: sub.planId,
    planTo: planId,
    amount: invoice.total,
    currency: sub.currency,
    invoiceId: invoice.id,
    note,
  });
  if (seats !== sub.seats) await syncVendor(tx, sub, 'seats', `${eventId}:seats`);
  if (planId !== sub.planId) await syncVendor(tx, sub, 'plan', `${eventId}:plan`);
  await mailAbout(tx, sub, eventId);
  return 'renewed';
}

/** A renewal charge that failed: tried again later, and after the last attempt the subscription is suspended. */
async function failRenewal(tx: Db, sub: SubscriptionRow, reason: string, now: Date): Promise<RenewalOutcome> {
  const failures = sub.renewalFailures + 1;
  const suspend = failures >= RENEWAL_ATTEMPTS;
  const retryAt = suspend ? null : new Date(now.getTime() + (RENEWAL_RETRY_DAYS[failures - 1] ?? 1) * 86_400_000);
  await tx
    .update(subscriptions)
    .set({ renewalFailures: failures, renewalRetryAt: retryAt, ...(suspend ? { status: 'suspended' as const } : {}), updatedAt: now })
    .where(and(eq(subscriptions.tenantId, sub.tenantId), eq(subscriptions.id, sub.id)));
  const eventId = await recordEvent(tx, {
    tenantId: sub.tenantId,
    subscriptionId: sub.id,
    at: now,
    actor: 'system',
    kind: suspend ? 'suspended' : 'payment_failed',
    // The payment provider's own words; the mail adds when it is tried again (renewal_retry_at).
    note: reason,
    effectiveAt: retryAt,
    currency: sub.currency,
  });
  if (suspend) await syncVendor(tx, sub, 'suspend', eventId);
  await mailAbout(tx, sub, eventId);
  return suspend ? 'suspended' : 'payment_failed';
}

/** Reminders for subscriptions renewing within seven days, once per period. */
async function sendReminders(db: Db, distributor: Tenant, now: Date): Promise<number> {
  const horizon = new Date(now.getTime() + REMINDER_DAYS * 86_400_000);
  const soon = await asDistributor(db, distributor, (tx) =>
    tx
      .select({ tenantId: subscriptions.tenantId, id: subscriptions.id, end: subscriptions.currentPeriodEnd })
      .from(subscriptions)
      .where(
        and(
          eq(subscriptions.status, 'active'),
          eq(subscriptions.autoRenew, true),
          eq(subscriptions.cancelAtPeriodEnd, false),
          gt(subscriptions.currentPeriodEnd, now),
          lte(subscriptions.currentPeriodEnd, horizon),
          or(isNull(subscriptions.remindedFor), ne(subscriptions.remindedFor, subscriptions.currentPeriodEnd)),
        ),
      )
      .limit(5000),
  );
  let sent = 0;
  for (const row of soon) {
    const marked = await withTenant(db, row.tenantId, async (tx) => {
      // Marked and queued together, and only by the run that marks it: one reminder per period.
      const [updated] = await tx
        .update(subscriptions)
        .set({ remindedFor: row.end })
        .where(and(eq(subscriptions.tenantId, row.tenantId), eq(subscriptions.id, row.id), eq(subscriptions.currentPeriodEnd, row.end), or(isNull(subscriptions.remindedFor), ne(subscriptions.remindedFor, row.end))))
        .returning({ id: subscriptions.id });
      if (updated) await enqueue(tx, 'renewal-reminder', { tenantId: row.tenantId, subscriptionId: row.id, periodEnd: row.end.toISOString() }, { singletonKey: `reminder:${row.id}:${row.end.toISOString()}` });
      return !!updated;
    });
    if (marked) sent++;
  }
  return sent;
}
