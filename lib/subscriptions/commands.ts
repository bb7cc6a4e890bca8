import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { orderLines, orders, organizations, plans, products, seatAssignments, subscriptions, type SubscriptionRow } from '../db/schema';
import { DomainError } from '../errors';
import { can, type Viewer } from '../identity/access';
import { settleCreditNote } from '../invoices/credit';
import { issueDocument } from '../invoices/issue';
import { describe } from '../invoices/orders';
import { writeOrder, type OrderLineInput } from '../orders/place';
import { availableMethods, PAYMENT_METHODS, type PaymentMethodKey } from '../payments';
import { billingSnapshot } from '../identity/organizations';
import { organizationTax } from '../pricing/tax';
import { isUuid } from '../tenancy/repo';
import type { Tenant } from '../tenancy/types';
import { quoteCancel, quotePlan, quoteSeats, type ClockSubject } from './commitment';
import { movesAtRenewal, planChangeRefusal, planPath, seatChangeRefusal, type ChangeState } from './policy';
import { pricePlanFor } from './prices';
import { lockSubscription, mailAbout, recordEvent, syncVendor, type NewEvent, type SubscriptionEventKind } from './history';

type Organization = typeof organizations.$inferSelect;
type Plan = typeof plans.$inferSelect;

export interface ActionContext {
  /** The request's transaction, scoped to the tenant. */
  db: Db;
  tenant: Tenant;
  viewer: Viewer;
  now: Date;
  /** The customer's language: documents and mails are written in it. */
  locale: string;
  /**
   * Why the storefront's staff made the change, when they act for the customer from the portal
   * (required there): it goes into the history beside who did it, and the customer is mailed.
   */
  reason?: string;
}

/** What an action did, for the page: a notice, and the order when it made one (to pay by card). */
export interface ActionResult {
  notice: string;
  orderId?: string;
}

export interface Loaded {
  sub: SubscriptionRow;
  plan: Plan;
  product: typeof products.$inferSelect;
  org: Organization;
  assigned: number;
  /** Seats ordered and not provisioned yet (they count as the subscription's for further changes). */
  pendingSeats: number;
  pendingUpgrade: boolean;
}

/**
 * Locks the subscription and reads what every decision needs. Someone outside the organisation
 * (another organisation, another storefront) finds nothing; a member who is not its admin is
 * told that only admins may change it.
 */
export async function loadForChange(ctx: ActionContext, subscriptionId: string): Promise<Loaded> {
  const { db, tenant, viewer } = ctx;
  const sub = await lockSubscription(db, tenant.id, subscriptionId);
  if (!sub) throw new DomainError('not_found');
  if (ctx.reason !== undefined) {
    // The storefront's staff, for any of its customers; the same rules as the customer's own admin.
    if (!can(viewer, tenant, 'subscriptions:act')) throw new DomainError('not_found');
  } else {
    if (!can(viewer, tenant, 'organization:read', sub.organizationId)) throw new DomainError('not_found');
    if (!can(viewer, tenant, 'organization:manage', sub.organizationId)) {
      throw new DomainError('admins_only', 'Only an admin of your organisation can change its subscriptions.');
    }
  }
  const [[row], [assigned], pending] = await Promise.all([
    db
      .select({ plan: plans, product: products, org: organizations })
      .from(plans)
      .innerJoin(products, and(eq(products.tenantId, plans.tenantId), eq(products.id, plans.productId)))
      .innerJoin(organizations, and(eq(organizations.tenantId, sql`${tenant.id}::uuid`), eq(organizations.id, sub.organizationId)))
      .where(and(eq(plans.tenantId, sub.catalogTenantId), eq(plans.id, sub.planId)))
      .execute(),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(seatAssignments)
      .where(and(eq(seatAssignments.tenantId, tenant.id), eq(seatAssignments.subscriptionId, sub.id)))
      .execute(),
    pendingChanges(db, tenant.id, sub.id),
  ]);
  if (!row) throw new DomainError('not_found', 'The plan of this subscription is no longer in the catalog.');
  return { sub, plan: row.plan, product: row.product, org: row.org, assigned: assigned?.n ?? 0, ...pending };
}

/** Changes ordered for a subscription whose orders are still open (unpaid or provisioning). */
export async function pendingChanges(db: Db, tenantId: string, subscriptionId: string): Promise<{ pendingSeats: number; pendingUpgrade: boolean }> {
  const rows = await db
    .select({ kind: orderLines.kind, seats: orderLines.seats })
    .from(orderLines)
    .innerJoin(orders, and(eq(orders.tenantId, orderLines.tenantId), eq(orders.id, orderLines.orderId)))
    .where(
      and(
        eq(orderLines.tenantId, tenantId),
        eq(orderLines.subscriptionId, subscriptionId),
        inArray(orderLines.state, ['pending', 'provisioning']),
        inArray(orders.state, ['placed', 'awaiting_payment', 'paid', 'provisioning']),
      ),
    );
  return {
    pendingSeats: rows.filter((r) => r.kind === 'add_seats').reduce((sum, r) => sum + r.seats, 0),
    pendingUpgrade: rows.some((r) => r.kind === 'upgrade'),
  };
}

export function clockSubject(l: Pick<Loaded, 'sub' | 'plan' | 'assigned'>): ClockSubject {
  return {
    status: l.sub.status,
    seats: l.sub.seats,
    unitPrice: l.sub.unitPrice,
    currentPeriodStart: l.sub.currentPeriodStart,
    currentPeriodEnd: l.sub.currentPeriodEnd,
    plan: l.plan,
    assigned: l.assigned,
  };
}

/** What the change policy (./policy.ts) judges a loaded subscription on. */
export function changeState(l: Pick<Loaded, 'sub' | 'assigned' | 'pendingSeats' | 'pendingUpgrade'>): ChangeState {
  return { status: l.sub.status, seats: l.sub.seats, pendingSeats: l.pendingSeats, pendingUpgrade: l.pendingUpgrade, assigned: l.assigned, cancelAtPeriodEnd: l.sub.cancelAtPeriodEnd, billingPeriod: l.sub.billingPeriod };
}

/**
 * One entry of the subscription's history, by the person acting (with their reason when they act
 * for the customer, who is then mailed whatever the change was).
 */
export async function recordChange(ctx: ActionContext, sub: SubscriptionRow, event: Omit<NewEvent, 'tenantId' | 'subscriptionId' | 'at' | 'actor'>, mail = false): Promise<string> {
  const onBehalf = ctx.reason !== undefined;
  const eventId = await recordEvent(ctx.db, { tenantId: sub.tenantId, subscriptionId: sub.id, at: ctx.now, actor: ctx.viewer.email, ...(onBehalf ? { note: ctx.reason } : {}), ...event });
  if (mail || onBehalf) await mailAbout(ctx.db, sub, eventId, onBehalf);
  return eventId;
}

function assertActive(l: Loaded): void {
  if (l.sub.status !== 'active') throw new DomainError('subscription_inactive', `This subscription is ${l.sub.status} and cannot be changed.`);
}

export async function updateSubscription(db: Db, sub: SubscriptionRow, values: Partial<typeof subscriptions.$inferInsert>, now: Date): Promise<void> {
  await db.update(subscriptions).set({ ...values, updatedAt: now }).where(and(eq(subscriptions.tenantId, sub.tenantId), eq(subscriptions.id, sub.id)));
}

/** A credit note for unused time given back, in the subscription's currency and the buyer's tax. */
async function creditNote(ctx: ActionContext, l: Loaded, key: string, quantity: number, amount: number, phrase: 'seats_returned' | 'cancelled') {
  const tax = organizationTax(ctx.tenant, l.org);
  const { invoice } = await issueDocument(
    ctx.db,
    ctx.tenant,
    {
      kind: 'credit_note',
      sourceKey: key,
      organizationId: l.org.id,
      buyer: billingSnapshot(l.org),
      subscriptionId: l.sub.id,
      paymentMethod: l.sub.paymentMethod,
      currency: l.sub.currency,
      taxBasisPoints: tax.basisPoints,
      reverseCharge: tax.reverseCharge,
      locale: ctx.locale,
      lines: [{ description: describe(l.product.name, l.plan.name, phrase), periodStart: ctx.now, periodEnd: l.sub.currentPeriodEnd, quantity, unitPrice: l.sub.unitPrice, unitCost: l.sub.unitCost, amount }],
    },
    ctx.now,
  );
  // Paid by card: the credit goes back to the card. Otherwise it is the customer's credit, which its next invoice on account uses.
  await settleCreditNote(ctx.db, ctx.tenant.id, invoice, null, ctx.now);
  return invoice;
}

/** The subscription's own payment method while it is still offered, else another this customer has. */
function paymentMethodFor(tenant: Tenant, l: Loaded): PaymentMethodKey {
  if (PAYMENT_METHODS[l.sub.paymentMethod].available(tenant, l.org, l.sub.currency)) return l.sub.paymentMethod;
  const other = availableMethods(tenant, l.org, l.sub.currency)[0];
  if (other) return other.key;
  throw new DomainError('no_payment_method', 'No payment method is available to pay for this change. Ask the store to enable payment on account.');
}

/** An order line that changes the subscription: its product, the plan it ends on, the prorated amount. */
function changeLine(
  l: Loaded,
  kind: 'add_seats' | 'upgrade',
  line: { plan: Plan; product?: typeof products.$inferSelect; seats: number; seatsBefore: number; price: { unitWholesale: number; unitCost: number; unitPrice: number }; amount: number },
): OrderLineInput {
  const { sub } = l;
  // An upgrade across products is a line of the product it moves to.
  const product = line.product ?? l.product;
  return {
    kind,
    subscriptionId: sub.id,
    seatsBefore: line.seatsBefore,
    catalogTenantId: sub.catalogTenantId,
    productId: product.id,
    planId: line.plan.id,
    sku: line.plan.sku,
    productName: product.name,
    planName: line.plan.name,
    billingPeriod: line.plan.billingPeriod,
    termMonths: line.plan.termMonths,
    seats: line.seats,
    unitWholesale: line.price.unitWholesale,
    unitCost: line.price.unitCost,
    unitPrice: line.price.unitPrice,
    amount: line.amount,
    connector: sub.connector,
    periodEnd: sub.currentPeriodEnd,
  };
}

/** Orders a change the way any order is placed and paid: on the subscription's payment method when it can. */
function orderChange(ctx: ActionContext, l: Loaded, line: OrderLineInput, input: { idempotencyKey: string; locale: string }) {
  return writeOrder(ctx.db, ctx.tenant, ctx.viewer, l.org, paymentMethodFor(ctx.tenant, l), [line], { idempotencyKey: input.idempotencyKey, locale: input.locale, currency: l.sub.currency }, ctx.now);
}

export interface SeatsInput {
  subscriptionId: string;
  seats: number;
  idempotencyKey: string;
  locale: string;
}

/**
 * Seats to `seats`. More: at once, as an order for the prorated rest of the period (paid and
 * provisioned like any order). Fewer: at once with a credit note inside the cancellation window,
 * otherwise scheduled for the renewal date. Never below the seats assigned, never outside the
 * plan's limits.
 */
export async function changeSeats(ctx: ActionContext, input: SeatsInput): Promise<ActionResult> {
  const l = await loadForChange(ctx, input.subscriptionId);
  const { sub, plan } = l;
  const refusal = seatChangeRefusal(changeState(l), plan, input.seats);
  if (refusal) throw refusal;
  const effective = sub.seats + l.pendingSeats;
  if (input.seats === effective) {
    if (sub.scheduledSeats !== null) return withdrawLoaded(ctx, l);
    return { notice: 'unchanged' };
  }
  if (input.seats > effective) {
    const delta = input.seats - effective;
    const quote = quoteSeats(clockSubject(l), sub.seats + delta, ctx.now);
    const order = await orderChange(ctx, l, changeLine(l, 'add_seats', { plan, seats: delta, seatsBefore: effective, price: sub, amount: quote.amount }), input);
    // Adding seats withdraws a decrease that was waiting for the renewal.
    if (sub.scheduledSeats !== null) await updateSubscription(ctx.db, sub, { scheduledSeats: null }, ctx.now);
    await recordChange(ctx, sub, { kind: 'seats_increase_ordered', seatsFrom: effective, seatsTo: input.seats, amount: quote.amount, currency: sub.currency, orderId: order.id });
    return { notice: 'seats_ordered', orderId: order.id };
  }
  const quote = quoteSeats(clockSubject(l), input.seats, ctx.now);
  if (quote.effect === 'now') {
    const returned = sub.seats - input.seats;
    await updateSubscription(ctx.db, sub, { seats: input.seats, scheduledSeats: null }, ctx.now);
    const eventId = await recordChange(ctx, sub, { kind: 'seats_decreased', seatsFrom: sub.seats, seatsTo: input.seats, amount: quote.amount, currency: sub.currency }, true);
    const note = await creditNote(ctx, l, `credit:${eventId}`, returned, -quote.amount, 'seats_returned');
    await setEventInvoice(ctx.db, sub, eventId, note.id);
    await syncVendor(ctx.db, sub, 'seats', eventId);
    return { notice: 'seats_reduced' };
  }
  await updateSubscription(ctx.db, sub, { scheduledSeats: input.seats }, ctx.now);
  await recordChange(ctx, sub, { kind: 'decrease_scheduled', seatsFrom: sub.seats, seatsTo: input.seats, effectiveAt: sub.currentPeriodEnd });
  return { notice: 'decrease_scheduled' };
}

async function setEventInvoice(db: Db, sub: SubscriptionRow, eventId: string, invoiceId: string): Promise<void> {
  await db.execute(sql`update subscription_events set invoice_id = ${invoiceId} where tenant_id = ${sub.tenantId} and id = ${eventId}`);
}

/** Withdraws a decrease or downgrade waiting for the renewal date. */
export async function withdrawSchedule(ctx: ActionContext, input: { subscriptionId: string }): Promise<ActionResult> {
  const l = await loadForChange(ctx, input.subscriptionId);
  assertActive(l);
  return withdrawLoaded(ctx, l);
}

/** The withdrawal itself, for a subscription already locked and read (also by the changes that imply it). */
async function withdrawLoaded(ctx: ActionContext, l: Loaded): Promise<ActionResult> {
  if (l.sub.scheduledSeats === null && l.sub.scheduledPlanId === null) throw new DomainError('nothing_scheduled');
  await updateSubscription(ctx.db, l.sub, { scheduledSeats: null, scheduledPlanId: null }, ctx.now);
  await recordChange(ctx, l.sub, { kind: 'schedule_withdrawn', seatsFrom: l.sub.scheduledSeats, seatsTo: l.sub.seats, planFrom: l.sub.scheduledPlanId, planTo: l.sub.planId });
  return { notice: 'schedule_withdrawn' };
}

/** A plan and its product, read for a move along the product's path. */
async function loadTarget(db: Db, sub: SubscriptionRow, planId: string) {
  if (!isUuid(planId)) return null;
  const [row] = await db
    .select({ plan: plans, product: products })
    .from(plans)
    .innerJoin(products, and(eq(products.tenantId, plans.tenantId), eq(products.id, plans.productId)))
    .where(and(eq(plans.tenantId, sub.catalogTenantId), eq(plans.id, planId)));
  return row ?? null;
}

/**
 * To another plan of the product or of a product on its upgrade path: a dearer one at once (the
 * old plan's unused time credited and the new one's charged, as one order), a cheaper one, one
 * down the path or one billed or committed differently at the renewal date. The subscription
 * stays the same one, so its seats and licence assignments move with it.
 */
export async function changePlan(ctx: ActionContext, input: { subscriptionId: string; planId: string; idempotencyKey: string; locale: string }): Promise<ActionResult> {
  const l = await loadForChange(ctx, input.subscriptionId);
  assertActive(l);
  const { sub } = l;
  if (input.planId === sub.planId) {
    if (sub.scheduledPlanId) return withdrawLoaded(ctx, l);
    throw new DomainError('same_plan', 'This is already the subscription’s plan.');
  }
  const target = await loadTarget(ctx.db, sub, input.planId);
  const path = target ? planPath(l.product, target.product) : null;
  if (!target || !path) throw new DomainError('other_product');
  const refusal = planChangeRefusal(changeState(l), target.plan, sub.seats);
  if (refusal) throw refusal;
  const seats = sub.scheduledSeats ?? sub.seats;
  const priced = await pricePlanFor(ctx.db, ctx.tenant, sub, target.plan.id, sub.seats);
  const quote = quotePlan(clockSubject(l), priced.waterfall.sell, ctx.now, { atRenewal: movesAtRenewal(path, l.plan, target.plan) });
  if (quote.effect === 'renewal') {
    if (seats < target.plan.minSeats || seats > target.plan.maxSeats) throw new DomainError('plan_seat_limits', `That plan takes between ${target.plan.minSeats} and ${target.plan.maxSeats} seats.`);
    await updateSubscription(ctx.db, sub, { scheduledPlanId: target.plan.id }, ctx.now);
    await recordChange(ctx, sub, { kind: 'downgrade_scheduled', planFrom: sub.planId, planTo: target.plan.id, effectiveAt: sub.currentPeriodEnd });
    return { notice: 'downgrade_scheduled' };
  }
  const price = { unitWholesale: priced.waterfall.wholesale, unitCost: priced.waterfall.cost, unitPrice: priced.waterfall.sell };
  const line = changeLine(l, 'upgrade', { plan: target.plan, product: target.product, seats: sub.seats, seatsBefore: sub.seats, price, amount: quote.amount });
  const order = await orderChange(ctx, l, line, input);
  if (sub.scheduledPlanId) await updateSubscription(ctx.db, sub, { scheduledPlanId: null }, ctx.now);
  await recordChange(ctx, sub, { kind: 'upgrade_ordered', planFrom: sub.planId, planTo: target.plan.id, amount: quote.amount, currency: sub.currency, orderId: order.id });
  return { notice: 'upgrade_ordered', orderId: order.id };
}

/** Cancels: inside the window at once with the rest of the period credited, else at period end. */
export async function cancelSubscription(ctx: ActionContext, input: { subscriptionId: string }): Promise<ActionResult> {
  const l = await loadForChange(ctx, input.subscriptionId);
  assertActive(l);
  const { sub } = l;
  if (sub.cancelAtPeriodEnd) throw new DomainError('cancelling', 'This subscription is already set to cancel at the end of its period.');
  if (l.pendingSeats > 0 || l.pendingUpgrade) throw new DomainError('change_pending', 'A change of this subscription is still being set up. Try again once it is.');
  const quote = quoteCancel(clockSubject(l), ctx.now);
  if (quote.effect === 'now') {
    await updateSubscription(ctx.db, sub, { status: 'cancelled', cancelledAt: ctx.now, scheduledSeats: null, scheduledPlanId: null }, ctx.now);
    await ctx.db.delete(seatAssignments).where(and(eq(seatAssignments.tenantId, sub.tenantId), eq(seatAssignments.subscriptionId, sub.id)));
    const eventId = await recordChange(ctx, sub, { kind: 'cancelled', seatsFrom: sub.seats, amount: quote.amount, currency: sub.currency }, true);
    if (quote.amount !== 0) {
      const note = await creditNote(ctx, l, `credit:${eventId}`, sub.seats, -quote.amount, 'cancelled');
      await setEventInvoice(ctx.db, sub, eventId, note.id);
    }
    await syncVendor(ctx.db, sub, 'cancel', eventId);
    return { notice: 'cancelled' };
  }
  await updateSubscription(ctx.db, sub, { cancelAtPeriodEnd: true }, ctx.now);
  await recordChange(ctx, sub, { kind: 'cancel_scheduled', effectiveAt: sub.currentPeriodEnd }, true);
  return { notice: 'cancel_scheduled' };
}

/** Undoes a cancellation waiting for the end of the period. */
export async function withdrawCancel(ctx: ActionContext, input: { subscriptionId: string }): Promise<ActionResult> {
  const l = await loadForChange(ctx, input.subscriptionId);
  assertActive(l);
  if (!l.sub.cancelAtPeriodEnd) throw new DomainError('not_cancelling');
  await updateSubscription(ctx.db, l.sub, { cancelAtPeriodEnd: false }, ctx.now);
  await recordChange(ctx, l.sub, { kind: 'cancel_withdrawn' });
  return { notice: 'cancel_withdrawn' };
}

export async function setAutoRenew(ctx: ActionContext, input: { subscriptionId: string; autoRenew: boolean }): Promise<ActionResult> {
  const l = await loadForChange(ctx, input.subscriptionId);
  assertActive(l);
  if (l.sub.autoRenew === input.autoRenew) return { notice: 'unchanged' };
  await updateSubscription(ctx.db, l.sub, { autoRenew: input.autoRenew }, ctx.now);
  const kind: SubscriptionEventKind = input.autoRenew ? 'auto_renew_on' : 'auto_renew_off';
  await recordChange(ctx, l.sub, { kind });
  return { notice: kind };
}
