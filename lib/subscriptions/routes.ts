import 'server-only';
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { wholeNumber } from '../input/fields';
import { now } from '../clock';
import { orders } from '../db/schema';
import { localePath } from '../i18n/locales';
import type { Viewer } from '../identity/access';
import type { GuardContext, GuardResult } from '../identity/guard';
import { checkoutPage } from '../payments';
import { cancelSubscription, changePlan, changeSeats, setAutoRenew, withdrawCancel, withdrawSchedule, type ActionContext, type ActionResult } from './commands';
import { reactivateSubscription, suspendSubscription } from './suspension';
import { assignSeat, unassignSeat } from './assignments';

const subscriptionId = z.uuid({ error: 'choose a subscription' });
const locale = z.string().regex(/^[a-z]{2}$/).default('en');
const idempotencyKey = z.string().regex(/^[A-Za-z0-9_-]{16,100}$/, 'must be 16–100 letters, digits, _ or -');

export const inputs = {
  seats: z.object({ subscriptionId, seats: wholeNumber({ min: 1, max: 1_000_000, what: 'the seats' }), idempotencyKey, locale }),
  plan: z.object({ subscriptionId, planId: z.uuid({ error: 'choose a plan' }), idempotencyKey, locale }),
  plain: z.object({ subscriptionId, locale }),
  autoRenew: z.object({ subscriptionId, autoRenew: z.enum(['on', 'off'], { error: 'choose on or off' }), locale }),
  assignment: z.object({ subscriptionId, userId: z.string().min(1, 'choose a person').max(200), locale }),
};

/** Why the storefront's staff change a customer's subscription: kept in its history, told to the customer. */
const reason = z.string({ error: 'give a reason' }).trim().min(3, 'give a reason of at least 3 characters').max(500, 'keep the reason under 500 characters');

/** The portal's forms: the customer's, each with the reason. */
export const portalInputs = {
  seats: inputs.seats.extend({ reason }),
  plan: inputs.plan.extend({ reason }),
  plain: inputs.plain.extend({ reason }),
  autoRenew: inputs.autoRenew.extend({ reason }),
};

type Input = { subscriptionId: string; locale: string };

/**
 * Runs a subscription action for the signed-in person and answers as the guard expects: back to
 * the subscription page with a notice, or (a change to pay by card) on to Stripe's payment page.
 */
async function run<I extends Input>(ctx: GuardContext<I, Viewer>, action: (a: ActionContext, input: I) => Promise<ActionResult>): Promise<GuardResult> {
  const at = now();
  const a: ActionContext = { db: ctx.db, tenant: ctx.tenant, viewer: ctx.viewer, now: at, locale: ctx.input.locale };
  const result = await action(a, ctx.input);
  const page = localePath(ctx.input.locale, ctx.tenant.defaultLocale, `/account/subscriptions/${ctx.input.subscriptionId}`);
  if (result.orderId) {
    const [order] = await ctx.db.select().from(orders).where(and(eq(orders.tenantId, ctx.tenant.id), eq(orders.id, result.orderId)));
    if (order?.paymentMethod === 'card' && order.state === 'awaiting_payment') {
      const orderPath = localePath(ctx.input.locale, ctx.tenant.defaultLocale, `/account/orders/${order.id}`);
      const url = await checkoutPage(ctx.db, ctx.tenant, order, ctx.origin, orderPath, page);
      return { redirect: url, json: { notice: result.notice, orderId: order.id, paymentUrl: url } };
    }
  }
  return { redirect: `${page}?notice=${result.notice}`, json: { notice: result.notice, ...(result.orderId ? { orderId: result.orderId } : {}) } };
}

/** The form's on/off as the command's yes/no. */
const autoRenewFrom = (a: ActionContext, i: { subscriptionId: string; autoRenew: 'on' | 'off' }) => setAutoRenew(a, { subscriptionId: i.subscriptionId, autoRenew: i.autoRenew === 'on' });

export const handlers = {
  seats: (ctx: GuardContext<z.output<typeof inputs.seats>, Viewer>) => run(ctx, changeSeats),
  plan: (ctx: GuardContext<z.output<typeof inputs.plan>, Viewer>) => run(ctx, changePlan),
  cancel: (ctx: GuardContext<z.output<typeof inputs.plain>, Viewer>) => run(ctx, cancelSubscription),
  resume: (ctx: GuardContext<z.output<typeof inputs.plain>, Viewer>) => run(ctx, withdrawCancel),
  withdraw: (ctx: GuardContext<z.output<typeof inputs.plain>, Viewer>) => run(ctx, withdrawSchedule),
  autoRenew: (ctx: GuardContext<z.output<typeof inputs.autoRenew>, Viewer>) => run(ctx, autoRenewFrom),
  assign: (ctx: GuardContext<z.output<typeof inputs.assignment>, Viewer>) => run(ctx, assignSeat),
  unassign: (ctx: GuardContext<z.output<typeof inputs.assignment>, Viewer>) => run(ctx, unassignSeat),
};

type PortalInput = Input & { reason: string };

/**
 * A subscription action of the storefront's staff for a customer: the customer's own command
 * with the reason, and back to the portal's subscription page. A change to be paid by card waits
 * on the customer's order page for the customer to pay (the staff never see the card form).
 */
async function runForCustomer<I extends PortalInput>(ctx: GuardContext<I, Viewer>, action: (a: ActionContext, input: I) => Promise<ActionResult>): Promise<GuardResult> {
  const a: ActionContext = { db: ctx.db, tenant: ctx.tenant, viewer: ctx.viewer, now: now(), locale: ctx.input.locale, reason: ctx.input.reason };
  const result = await action(a, ctx.input);
  const page = localePath(ctx.input.locale, ctx.tenant.defaultLocale, `/admin/subscriptions/${ctx.input.subscriptionId}`);
  return { redirect: `${page}?notice=${result.notice}`, json: { notice: result.notice, ...(result.orderId ? { orderId: result.orderId } : {}) } };
}

export const portalHandlers = {
  seats: (ctx: GuardContext<z.output<typeof portalInputs.seats>, Viewer>) => runForCustomer(ctx, changeSeats),
  plan: (ctx: GuardContext<z.output<typeof portalInputs.plan>, Viewer>) => runForCustomer(ctx, changePlan),
  cancel: (ctx: GuardContext<z.output<typeof portalInputs.plain>, Viewer>) => runForCustomer(ctx, cancelSubscription),
  resume: (ctx: GuardContext<z.output<typeof portalInputs.plain>, Viewer>) => runForCustomer(ctx, withdrawCancel),
  withdraw: (ctx: GuardContext<z.output<typeof portalInputs.plain>, Viewer>) => runForCustomer(ctx, withdrawSchedule),
  autoRenew: (ctx: GuardContext<z.output<typeof portalInputs.autoRenew>, Viewer>) => runForCustomer(ctx, autoRenewFrom),
  suspend: (ctx: GuardContext<z.output<typeof portalInputs.plain>, Viewer>) => runForCustomer(ctx, suspendSubscription),
  reactivate: (ctx: GuardContext<z.output<typeof portalInputs.plain>, Viewer>) => runForCustomer(ctx, reactivateSubscription),
};
