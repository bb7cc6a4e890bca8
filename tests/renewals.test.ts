import { randomBytes } from 'node:crypto';
import { and, asc, eq, like } from 'drizzle-orm';
import Stripe from 'stripe';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { now, setClock } from '@/lib/clock';
import { resetSettings } from '@/lib/config/settings';
import { invoices, mailOutbox, orderLines, orders, plans, subscriptionEvents, subscriptions } from '@/lib/db/schema';
import { reconcilePayments } from '@/lib/orders/reconcile-payments';
import { chargeRenewal, type RenewalCharger } from '@/lib/payments/renewal';
import { renewDue, RENEWAL_ATTEMPTS } from '@/lib/subscriptions/renewals';
import { driverName } from './helpers/db';
import { forgetStandIn, startStripeStandIn, STAND_IN_WEBHOOK_SECRET, useStandIn, type StripeStandIn } from './helpers/stripe-stand-in';
import { waitFor } from './helpers/wait';
import { createWorld, type World } from './helpers/world';

/**
 * Renewals on a moving clock: card subscriptions charged off-session on the card saved at
 * checkout (against a local server answering as Stripe), failed charges retried and then
 * suspended with mail, a run killed half-way, the reminder a week ahead, and invoices on account
 * marked paid by the reseller.
 */
let w: World;
let stripe: StripeStandIn;
let clock = new Date('2027-03-01T10:00:00Z');
let anna: string;
let ada: string;
let contoso: string;
let planStd: string;

const at = (iso: string) => {
  clock = new Date(iso);
};
const key = () => randomBytes(12).toString('hex');

beforeAll(async () => {
  stripe = await startStripeStandIn();
  useStandIn(stripe);
  resetSettings();
  w = await createWorld();
  setClock(() => clock);
  await w.startJobs({ now: () => clock });
  anna = await w.cookieFor(w.tenants.acme, 'anna@contoso.test');
  ada = await w.cookieFor(w.tenants.acme, 'admin@acme.test');
  contoso = await w.orgId(w.tenants.acme, 'Contoso Ltd');
  planStd = (await w.db.select().from(plans).where(eq(plans.sku, 'AC-CPC-STD-M')))[0]!.id;
}, 60_000);
afterAll(async () => {
  setClock(undefined);
  await w?.drop();
  await stripe?.close();
  forgetStandIn();
  resetSettings();
});
beforeEach(() => w.install());

async function post(route: string, cookie: string, body: object) {
  const mod = (await import(`@/app/api/${route}/route`)) as { POST: (r: Request) => Promise<Response> };
  const response = await mod.POST(w.request(w.tenants.acme, `/api/${route}`, { cookie, body }));
  return { status: response.status, body: (await response.json()) as { data?: { orderId?: string; paymentUrl?: string; outcome?: string; notice?: string } } };
}


const subById = async (id: string) => (await w.db.select().from(subscriptions).where(eq(subscriptions.id, id)))[0]!;

/** Contoso buys `seats` of the plan at the clock's time, by card or on account; returns the subscription. */
async function buy(seats: number, paymentMethod: 'card' | 'on_account') {
  expect((await post('cart', anna, { planId: planStd, seats })).status).toBe(200);
  const placed = await post('checkout', anna, { organizationId: contoso, paymentMethod, idempotencyKey: key(), locale: 'en' });
  expect(placed.status).toBe(200);
  const orderId = placed.body.data!.orderId!;
  if (paymentMethod === 'card') {
    const sessionId = /\/pay\/(cs_[A-Za-z0-9_]+)/.exec(placed.body.data!.paymentUrl!)![1]!;
    stripe.pay(sessionId);
    // The webhook is late: the reconciliation job finds the payment.
    expect((await reconcilePayments(w.app.db, clock)).fulfilled).toBe(1);
  }
  const [line] = await w.db.select().from(orderLines).where(eq(orderLines.orderId, orderId));
  const sub = (await waitFor(async () => (await w.db.select().from(subscriptions).where(eq(subscriptions.orderLineId, line!.id)))[0], (s) => !!s))!;
  return { sub, orderId };
}

/** Takes a finished test's subscription out of later renewal runs (each test counts only its own). */
const retire = (id: string) => w.db.update(subscriptions).set({ status: 'cancelled' }).where(eq(subscriptions.id, id));

const mailsTo = (email: string, subject: string) =>
  w.db.select().from(mailOutbox).where(and(eq(mailOutbox.to, email), like(mailOutbox.subject, `%${subject}%`))).orderBy(asc(mailOutbox.createdAt));

describe(`renewals (${driverName})`, () => {
  it('a card subscription renews off-session on the card saved at checkout; the invoice is paid', async () => {
    at('2027-03-01T10:00:00Z');
    const { sub, orderId } = await buy(4, 'card');
    expect(sub.paymentMethod).toBe('card');
    const [first] = await w.db.select().from(invoices).where(eq(invoices.orderId, orderId));
    expect(first).toMatchObject({ status: 'paid', total: sub.unitPrice * 4 + Math.floor((sub.unitPrice * 4 * 800 + 5000) / 10000) });

    at('2027-04-01T10:05:00Z');
    const result = await renewDue(w.app.db, { now: clock });
    expect(result.renewed).toBe(1);
    const renewed = await subById(sub.id);
    expect(renewed.currentPeriodEnd.toISOString()).toBe('2027-05-01T10:00:00.000Z');
    expect(renewed.stripeCustomerId).toMatch(/^cus_/);
    const [invoice] = await w.db.select().from(invoices).where(and(eq(invoices.subscriptionId, sub.id), eq(invoices.kind, 'invoice')));
    expect(invoice).toMatchObject({ status: 'paid', paymentMethod: 'card' });
    expect(invoice!.paymentReference).toMatch(/^pi_/);
    const charge = stripe.intents.get(invoice!.paymentReference!)!;
    expect(charge).toMatchObject({ amount: invoice!.total, currency: 'usd', account: 'acct_1DemoAcme0000000', customer: renewed.stripeCustomerId });
    const mails = await waitFor(() => mailsTo('anna@contoso.test', 'renewed'), (m) => m.length > 0);
    expect(mails[0]!.text).toContain('renewed with 4 seats');
    await retire(sub.id);
  }, 60_000);

  it('seats given back inside the window by a card customer are refunded to the card that paid', async () => {
    at('2027-05-10T10:00:00Z');
    const { sub, orderId } = await buy(5, 'card');
    const [order] = await w.db.select().from(orders).where(eq(orders.id, orderId));
    const paidWith = stripe.sessions.get(order!.paymentReference!)!.payment_intent!;
    at('2027-05-11T10:00:00Z');
    expect((await post('account/subscriptions/seats', anna, { subscriptionId: sub.id, seats: 3, idempotencyKey: key(), locale: 'en' })).body.data?.notice).toBe('seats_reduced');
    const [note] = await w.db.select().from(invoices).where(and(eq(invoices.subscriptionId, sub.id), eq(invoices.kind, 'credit_note')));
    const refunded = await waitFor(async () => (await w.db.select().from(invoices).where(eq(invoices.id, note!.id)))[0]!, (n) => !!n.paymentReference);
    const refund = stripe.refunds.get(refunded.paymentReference!)!;
    expect(refund).toMatchObject({ payment_intent: paidWith, amount: note!.total, account: 'acct_1DemoAcme0000000' });
    await retire(sub.id);
  }, 60_000);

  it('a card customer adding seats pays the prorated amount on Stripe’s page; the seats come once it is paid', async () => {
    at('2027-05-20T10:00:00Z');
    const { sub } = await buy(2, 'card');
    at('2027-05-21T10:00:00Z');
    const more = await post('account/subscriptions/seats', anna, { subscriptionId: sub.id, seats: 5, idempotencyKey: key(), locale: 'en' });
    expect(more.status).toBe(200);
    const sessionId = /\/pay\/(cs_[A-Za-z0-9_]+)/.exec(more.body.data!.paymentUrl!)![1]!;
    const [order] = await w.db.select().from(orders).where(eq(orders.id, more.body.data!.orderId!));
    expect(order).toMatchObject({ state: 'awaiting_payment', paymentMethod: 'card' });
    expect(stripe.sessions.get(sessionId)!.amount_total).toBe(order!.total);
    // Not paid yet: the subscription still has 2 seats, and a decrease waits for the payment.
    expect((await subById(sub.id)).seats).toBe(2);
    expect((await post('account/subscriptions/seats', anna, { subscriptionId: sub.id, seats: 1, idempotencyKey: key(), locale: 'en' })).status).toBe(409);
    stripe.pay(sessionId);
    expect((await reconcilePayments(w.app.db, clock)).fulfilled).toBe(1);
    expect((await waitFor(() => subById(sub.id), (s) => s.seats === 5)).seats).toBe(5);
    const [invoice] = await w.db.select().from(invoices).where(eq(invoices.orderId, order!.id));
    expect(invoice).toMatchObject({ status: 'paid', total: order!.total });
    await retire(sub.id);
  }, 60_000);

  it('a declined renewal is tried again, and after the last attempt the subscription is suspended with mail to customer and reseller', async () => {
    at('2027-06-01T08:00:00Z');
    const { sub } = await buy(2, 'card');
    stripe.declineNext(RENEWAL_ATTEMPTS);
    at('2027-07-01T08:01:00Z');
    expect((await renewDue(w.app.db, { now: clock })).payment_failed).toBe(1);
    expect(await subById(sub.id)).toMatchObject({ status: 'active', renewalFailures: 1 });
    // Not again before the retry is due.
    expect((await renewDue(w.app.db, { now: clock })).payment_failed).toBe(0);
    at('2027-07-02T08:02:00Z');
    expect((await renewDue(w.app.db, { now: clock })).payment_failed).toBe(1);
    at('2027-07-05T08:03:00Z');
    expect((await renewDue(w.app.db, { now: clock })).suspended).toBe(1);
    const suspended = await subById(sub.id);
    expect(suspended).toMatchObject({ status: 'suspended', renewalFailures: 3 });
    // The period did not move and no invoice was issued for it.
    expect(suspended.currentPeriodEnd.toISOString()).toBe('2027-07-01T08:00:00.000Z');
    expect(await w.db.select().from(invoices).where(and(eq(invoices.subscriptionId, sub.id), eq(invoices.kind, 'invoice')))).toHaveLength(0);
    // Each attempt had its own idempotency key at Stripe.
    const keys = stripe.calls.filter((c) => c.path === '/v1/payment_intents' && c.idempotencyKey?.startsWith(`renewal_${sub.id}`)).map((c) => c.idempotencyKey);
    expect(new Set(keys).size).toBe(3);
    const kinds = (await w.db.select({ kind: subscriptionEvents.kind }).from(subscriptionEvents).where(eq(subscriptionEvents.subscriptionId, sub.id)).orderBy(asc(subscriptionEvents.at))).map((e) => e.kind);
    expect(kinds).toEqual(['purchased', 'payment_failed', 'payment_failed', 'suspended']);
    expect((await waitFor(() => mailsTo('anna@contoso.test', 'is suspended'), (m) => m.length > 0))[0]!.text).toContain('insufficient funds');
    expect(await waitFor(() => mailsTo('admin@acme.test', 'is suspended'), (m) => m.length > 0)).toHaveLength(1);
    expect((await mailsTo('anna@contoso.test', 'payment for')).length).toBeGreaterThanOrEqual(2);
  }, 60_000);

  it('a run killed after Stripe charged and before it committed is renewed once by the next run, with one charge', async () => {
    at('2027-08-01T12:00:00Z');
    const { sub } = await buy(3, 'card');
    at('2027-09-01T12:00:30Z');
    const crashing: RenewalCharger = async (charge) => {
      await chargeRenewal(charge);
      throw new Error('killed before commit');
    };
    expect((await renewDue(w.app.db, { now: clock, charge: crashing })).errors).toBe(1);
    expect((await subById(sub.id)).currentPeriodEnd.toISOString()).toBe('2027-09-01T12:00:00.000Z');
    expect((await renewDue(w.app.db, { now: clock })).renewed).toBe(1);
    const [invoice] = await w.db.select().from(invoices).where(and(eq(invoices.subscriptionId, sub.id), eq(invoices.kind, 'invoice')));
    const charges = [...stripe.intents.values()].filter((i) => i.metadata.subscription_id === sub.id);
    expect(charges).toHaveLength(1);
    expect(invoice!.paymentReference).toBe(charges[0]!.id);
    await retire(sub.id);
  }, 60_000);

  it('reminds the customer once, seven days before the renewal, in the language it ordered in', async () => {
    at('2027-10-01T09:00:00Z');
    expect((await post('cart', anna, { planId: planStd, seats: 1 })).status).toBe(200);
    const placed = await post('checkout', anna, { organizationId: contoso, paymentMethod: 'on_account', idempotencyKey: key(), locale: 'de' });
    const [line] = await w.db.select().from(orderLines).where(eq(orderLines.orderId, placed.body.data!.orderId!));
    const sub = (await waitFor(async () => (await w.db.select().from(subscriptions).where(eq(subscriptions.orderLineId, line!.id)))[0], (s) => !!s))!;
    at('2027-10-25T09:00:00Z');
    expect((await renewDue(w.app.db, { now: clock })).reminded).toBe(1);
    expect((await renewDue(w.app.db, { now: clock })).reminded).toBe(0);
    const mails = await waitFor(() => mailsTo('anna@contoso.test', 'verlängert sich am'), (m) => m.length > 0);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.text).toContain('1. November 2027');
    await retire(sub.id);
  }, 60_000);

  it('a customer admin pays an invoice on account by card; the signed webhook marks it paid once', async () => {
    at('2027-11-10T09:00:00Z');
    const { sub, orderId } = await buy(2, 'on_account');
    await retire(sub.id);
    const [invoice] = await w.db.select().from(invoices).where(eq(invoices.orderId, orderId));
    const first = await post('account/invoices/pay', anna, { invoiceId: invoice!.id, locale: 'en' });
    expect(first.status).toBe(200);
    // A second click lands on the same page while it is open.
    expect((await post('account/invoices/pay', anna, { invoiceId: invoice!.id, locale: 'en' })).body.data?.paymentUrl).toBe(first.body.data!.paymentUrl);
    const sessionId = /\/pay\/(cs_[A-Za-z0-9_]+)/.exec(first.body.data!.paymentUrl!)![1]!;
    expect(stripe.sessions.get(sessionId)).toMatchObject({ amount_total: invoice!.total, currency: 'usd', account: 'acct_1DemoAcme0000000' });
    // A member may not pay; another storefront's customer finds nothing.
    const ben = await w.cookieFor(w.tenants.acme, 'ben@contoso.test');
    expect((await post('account/invoices/pay', ben, { invoiceId: invoice!.id, locale: 'en' })).status).toBe(403);
    const fay = await w.cookieFor(w.tenants.acme, 'fay@fabrikam.test');
    expect((await post('account/invoices/pay', fay, { invoiceId: invoice!.id, locale: 'en' })).status).toBe(404);

    stripe.pay(sessionId);
    const payload = JSON.stringify({ id: `evt_${key()}`, object: 'event', type: 'checkout.session.completed', account: 'acct_1DemoAcme0000000', data: { object: stripe.sessions.get(sessionId) } });
    const deliver = async () => {
      const { POST } = await import('@/app/api/webhooks/stripe/route');
      // Signed at the app's time (the test has moved its clock); an event 300 s away is refused.
      const signature = Stripe.webhooks.generateTestHeaderString({ payload, secret: STAND_IN_WEBHOOK_SECRET, timestamp: Math.floor(now().getTime() / 1000) });
      const response = await POST(new Request('http://localhost:3000/api/webhooks/stripe', { method: 'POST', headers: { 'content-type': 'application/json', 'stripe-signature': signature }, body: payload }));
      return ((await response.json()) as { outcome: string }).outcome;
    };
    expect(await deliver()).toBe('fulfilled');
    expect(await deliver()).toBe('duplicate');
    const paid = (await w.db.select().from(invoices).where(eq(invoices.id, invoice!.id)))[0]!;
    expect(paid.status).toBe('paid');
    expect(paid.paymentReference).toMatch(/^pi_/);
    expect((await w.db.select().from(orders).where(eq(orders.id, orderId)))[0]!.paidAt).not.toBeNull();
    // Paid: no further payment page.
    expect((await post('account/invoices/pay', anna, { invoiceId: invoice!.id, locale: 'en' })).status).toBe(409);
  }, 60_000);

  it('the reseller marks an invoice on account paid; a customer may not, another storefront finds nothing', async () => {
    at('2027-11-01T09:00:00Z');
    const { sub, orderId } = await buy(1, 'on_account');
    await retire(sub.id);
    const [invoice] = await w.db.select().from(invoices).where(eq(invoices.orderId, orderId));
    expect(invoice!.status).toBe('open');
    expect((await post('admin/invoices/paid', anna, { invoiceId: invoice!.id })).status).toBe(403);
    const gerd = await w.cookieFor(w.tenants.globex, 'admin@globex.test');
    const { POST } = await import('@/app/api/admin/invoices/paid/route');
    expect((await POST(w.request(w.tenants.globex, '/api/admin/invoices/paid', { cookie: gerd, body: { invoiceId: invoice!.id } }))).status).toBe(404);
    expect((await post('admin/invoices/paid', ada, { invoiceId: 'not-an-id' })).status).toBe(422);
    const paid = await post('admin/invoices/paid', ada, { invoiceId: invoice!.id });
    expect(paid.body.data?.outcome).toBe('paid');
    expect((await post('admin/invoices/paid', ada, { invoiceId: invoice!.id })).body.data?.outcome).toBe('already_paid');
    expect((await w.db.select().from(invoices).where(eq(invoices.id, invoice!.id)))[0]).toMatchObject({ status: 'paid' });
    expect((await w.db.select().from(orders).where(eq(orders.id, orderId)))[0]!.paidAt).not.toBeNull();
  }, 60_000);
});
