import { randomBytes } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import Stripe from 'stripe';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { resetSettings } from '@/lib/config/settings';
import { orderEvents, orders, paymentEvents, plans, subscriptions } from '@/lib/db/schema';
import { withTenant } from '@/lib/db/tenant';
import { fulfilCardPayment } from '@/lib/orders/payment-events';
import { reconcilePayments } from '@/lib/orders/reconcile-payments';
import { retrieveCheckoutSession } from '@/lib/payments/stripe';
import { driverName } from './helpers/db';
import { forgetStandIn, startStripeStandIn, STAND_IN_WEBHOOK_SECRET, useStandIn, type StripeStandIn } from './helpers/stripe-stand-in';
import { createWorld, type World } from './helpers/world';

let w: World;
let stripe: StripeStandIn;
let anna: string;
let contoso: string;
let planBasic: string;
const ACCOUNT = 'acct_1DemoAcme0000000';

beforeAll(async () => {
  stripe = await startStripeStandIn();
  useStandIn(stripe);
  resetSettings();
  w = await createWorld();
  await w.startJobs();
  anna = await w.cookieFor(w.tenants.acme, 'anna@contoso.test');
  contoso = await w.orgId(w.tenants.acme, 'Contoso Ltd');
  planBasic = (await w.db.select().from(plans).where(eq(plans.sku, 'MS-M365-BASIC-M')))[0]!.id;
}, 60_000);
afterAll(async () => {
  await w?.drop();
  await stripe?.close();
  forgetStandIn();
  resetSettings();
});
beforeEach(() => w.install());

async function cardOrder(seats = 2): Promise<{ orderId: string; sessionId: string }> {
  const { POST: add } = await import('@/app/api/cart/route');
  await add(w.request(w.tenants.acme, '/api/cart', { cookie: anna, body: { planId: planBasic, seats } }));
  const { POST } = await import('@/app/api/checkout/route');
  const response = await POST(w.request(w.tenants.acme, '/api/checkout', { cookie: anna, body: { organizationId: contoso, paymentMethod: 'card', idempotencyKey: randomBytes(12).toString('hex'), locale: 'en' } }));
  expect(response.status).toBe(200);
  const { data } = (await response.json()) as { data: { orderId: string; paymentUrl: string; state: string } };
  expect(data.state).toBe('awaiting_payment');
  return { orderId: data.orderId, sessionId: /\/pay\/(cs_\w+)/.exec(data.paymentUrl)![1]! };
}

function event(type: string, sessionId: string, account = ACCOUNT) {
  return JSON.stringify({ id: `evt_${randomBytes(10).toString('hex')}`, object: 'event', type, account, created: Math.floor(Date.now() / 1000), data: { object: stripe.sessions.get(sessionId) } });
}

async function deliver(payload: string, signature: string | null = Stripe.webhooks.generateTestHeaderString({ payload, secret: STAND_IN_WEBHOOK_SECRET })) {
  const { POST } = await import('@/app/api/webhooks/stripe/route');
  const response = await POST(new Request('http://localhost:3000/api/webhooks/stripe', { method: 'POST', headers: { 'content-type': 'application/json', ...(signature ? { 'stripe-signature': signature } : {}) }, body: payload }));
  return { status: response.status, body: (await response.json()) as { outcome?: string; error?: { code: string } } };
}

const orderOf = async (id: string) => (await w.db.select().from(orders).where(eq(orders.id, id)))[0]!;
const paidEvents = async (id: string) => (await w.db.select().from(orderEvents).where(and(eq(orderEvents.orderId, id), eq(orderEvents.toState, 'paid')))).length;

async function settled(id: string) {
  for (let i = 0; i < 200; i++) {
    const o = await orderOf(id);
    if (o.state === 'completed' || o.state === 'failed') return o;
    await new Promise((r) => setTimeout(r, 100));
  }
  return orderOf(id);
}

describe(`card payments through Stripe (${driverName})`, () => {
  it('the Checkout Session is a direct charge on the reseller’s account for the server’s total, made with an idempotency key', async () => {
    const { orderId, sessionId } = await cardOrder(3);
    const order = await orderOf(orderId);
    const create = stripe.calls.find((c) => c.method === 'POST' && c.body['metadata[order_id]'] === orderId)!;
    expect(create.account).toBe(ACCOUNT);
    expect(create.idempotencyKey).toBe(`checkout_${orderId}`);
    expect(stripe.sessions.get(sessionId)!.amount_total).toBe(order.total);
    expect(order.paymentReference).toBe(sessionId);
  });

  it('unsigned, tampered and stale webhooks are refused and change nothing', async () => {
    const { orderId, sessionId } = await cardOrder();
    stripe.pay(sessionId);
    const payload = event('checkout.session.completed', sessionId);
    expect((await deliver(payload, null)).status).toBe(400);
    const signature = Stripe.webhooks.generateTestHeaderString({ payload, secret: STAND_IN_WEBHOOK_SECRET });
    expect((await deliver(payload.replace(ACCOUNT, 'acct_1Attacker00000000'), signature)).status).toBe(400);
    expect((await deliver(payload, Stripe.webhooks.generateTestHeaderString({ payload, secret: 'whsec_someone_else_entirely_0000' }))).status).toBe(400);
    const stale = Stripe.webhooks.generateTestHeaderString({ payload, secret: STAND_IN_WEBHOOK_SECRET, timestamp: Math.floor(Date.now() / 1000) - 301 });
    const refused = await deliver(payload, stale);
    expect(refused.status).toBe(400);
    expect(refused.body.error?.code).toBe('invalid_signature');
    // Dated an hour ahead (a clock far off, or a captured header made for later): refused as well.
    const ahead = Stripe.webhooks.generateTestHeaderString({ payload, secret: STAND_IN_WEBHOOK_SECRET, timestamp: Math.floor(Date.now() / 1000) + 3600 });
    const future = await deliver(payload, ahead);
    expect(future.status).toBe(400);
    expect(JSON.stringify(future.body)).toMatch(/more than 300 s away/);
    const justAhead = Stripe.webhooks.generateTestHeaderString({ payload, secret: STAND_IN_WEBHOOK_SECRET, timestamp: Math.floor(Date.now() / 1000) + 301 });
    expect((await deliver(payload, justAhead)).status).toBe(400);
    expect((await orderOf(orderId)).state).toBe('awaiting_payment');
    expect(await w.db.select().from(paymentEvents).where(eq(paymentEvents.tenantId, w.tenants.acme.id))).toHaveLength(0);
  });

  it('a signed completed event pays the order once; replays and concurrent copies change nothing', async () => {
    const { orderId, sessionId } = await cardOrder();
    stripe.pay(sessionId);
    const payload = event('checkout.session.completed', sessionId);
    const results = await Promise.all(Array.from({ length: 8 }, () => deliver(payload)));
    expect(results.every((r) => r.status === 200)).toBe(true);
    expect(results.filter((r) => r.body.outcome === 'fulfilled')).toHaveLength(1);
    expect(results.filter((r) => r.body.outcome === 'duplicate')).toHaveLength(7);
    expect((await deliver(payload)).body.outcome).toBe('duplicate');
    // The same payment reported by a second, distinct event finds the order already paid.
    expect((await deliver(event('checkout.session.completed', sessionId))).body.outcome).toBe('already_paid');
    const order = await settled(orderId);
    expect(order.state).toBe('completed');
    expect(await paidEvents(orderId)).toBe(1);
    expect(await w.db.select().from(subscriptions).where(eq(subscriptions.orderId, orderId))).toHaveLength(1);
  });

  it('events out of order: an expiry after the payment changes nothing; a delayed payment completes later', async () => {
    const first = await cardOrder();
    stripe.pay(first.sessionId);
    expect((await deliver(event('checkout.session.completed', first.sessionId))).body.outcome).toBe('fulfilled');
    expect((await deliver(event('checkout.session.expired', first.sessionId))).body.outcome).toBe('not_payable');
    expect((await settled(first.orderId)).state).toBe('completed');

    const second = await cardOrder();
    // Completed but not yet paid (a bank debit): nothing happens until it succeeds.
    stripe.sessions.get(second.sessionId)!.status = 'complete';
    expect((await deliver(event('checkout.session.completed', second.sessionId))).body.outcome).toBe('not_payable');
    expect((await orderOf(second.orderId)).state).toBe('awaiting_payment');
    stripe.pay(second.sessionId);
    expect((await deliver(event('checkout.session.async_payment_succeeded', second.sessionId))).body.outcome).toBe('fulfilled');
    expect(await paidEvents(second.orderId)).toBe(1);
  });

  it('the success page and the webhook racing fulfil the order exactly once', async () => {
    const { orderId, sessionId } = await cardOrder();
    stripe.pay(sessionId);
    const fromPage = async () => {
      // What the order page does when the customer comes back with ?session_id=…
      const session = await retrieveCheckoutSession(ACCOUNT, sessionId);
      return withTenant(w.app.db, w.tenants.acme.id, (tx) => fulfilCardPayment(tx, w.tenants.acme.id, session, 'customer returned from Stripe', new Date()));
    };
    const outcomes = await Promise.all([fromPage(), deliver(event('checkout.session.completed', sessionId)).then((r) => r.body.outcome), fromPage()]);
    expect(outcomes.filter((o) => o === 'fulfilled')).toHaveLength(1);
    expect((await settled(orderId)).state).toBe('completed');
    expect(await paidEvents(orderId)).toBe(1);
    expect(await w.db.select().from(subscriptions).where(eq(subscriptions.orderId, orderId))).toHaveLength(1);
  });

  it('a payment whose webhook never came is completed by the reconciliation job, once', async () => {
    const { orderId, sessionId } = await cardOrder();
    stripe.pay(sessionId);
    const lost = await cardOrder();
    stripe.expire(lost.sessionId);
    const run = await reconcilePayments(w.app.db, new Date());
    expect(run.fulfilled).toBeGreaterThanOrEqual(1);
    expect((await settled(orderId)).state).toBe('completed');
    expect((await orderOf(lost.orderId)).state).toBe('cancelled');
    await reconcilePayments(w.app.db, new Date());
    expect(await paidEvents(orderId)).toBe(1);
  });

  it('a paid amount that differs from the order’s total does not fulfil it', async () => {
    const { orderId, sessionId } = await cardOrder();
    stripe.pay(sessionId).amount_total = 1;
    expect((await deliver(event('checkout.session.completed', sessionId))).body.outcome).toBe('mismatch');
    expect((await orderOf(orderId)).state).toBe('awaiting_payment');
  });

  it('an event of an account no storefront linked is acknowledged and ignored', async () => {
    const { sessionId } = await cardOrder();
    stripe.pay(sessionId);
    expect((await deliver(event('checkout.session.completed', sessionId, 'acct_1Unknown000000000'))).body.outcome).toBe('ignored');
  });

  it('a Stripe outage at checkout is a clear error and leaves the cart for a retry', async () => {
    const { POST: add } = await import('@/app/api/cart/route');
    await add(w.request(w.tenants.acme, '/api/cart', { cookie: anna, body: { planId: planBasic, seats: 1 } }));
    stripe.failNext(5);
    const before = (await w.db.select().from(orders)).length;
    const { POST } = await import('@/app/api/checkout/route');
    const response = await POST(w.request(w.tenants.acme, '/api/checkout', { cookie: anna, body: { organizationId: contoso, paymentMethod: 'card', idempotencyKey: randomBytes(12).toString('hex'), locale: 'en' } }));
    expect(response.status).toBe(502);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('payment_failed');
    expect((await w.db.select().from(orders)).length).toBe(before);
    stripe.failNext(0);
  });
});
