import { randomBytes } from 'node:crypto';
import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { setClock } from '@/lib/clock';
import { mailOutbox, orderLines, plans, subscriptionEvents, subscriptions } from '@/lib/db/schema';
import { renewDue } from '@/lib/subscriptions/renewals';
import { driverName } from './helpers/db';
import { waitFor } from './helpers/wait';
import { createWorld, type World } from './helpers/world';

/**
 * The storefront's staff acting on a customer's subscription from the portal: the customer's own
 * commands (the same policy, prices and commitment rules), with a reason in the history beside
 * who did it and a mail to the customer; and suspending, which stops the renewal.
 */

let w: World;
let clock = new Date('2027-03-01T00:00:00Z');
let anna: string;
let staff: string;
let admin: string;
let contoso: string;
let planStd: string;
const key = () => randomBytes(12).toString('hex');

beforeAll(async () => {
  w = await createWorld();
  setClock(() => clock);
  await w.startJobs({ now: () => clock });
  anna = await w.cookieFor(w.tenants.acme, 'anna@contoso.test');
  staff = await w.cookieFor(w.tenants.acme, 'staff@acme.test');
  admin = await w.cookieFor(w.tenants.acme, 'admin@acme.test');
  contoso = await w.orgId(w.tenants.acme, 'Contoso Ltd');
  planStd = (await w.db.select().from(plans).where(eq(plans.sku, 'AC-CPC-STD-M')))[0]!.id;
}, 60_000);
afterAll(async () => {
  setClock(undefined);
  await w?.drop();
});
beforeEach(() => w.install());

const ROUTES = {
  cart: () => import('@/app/api/cart/route'),
  checkout: () => import('@/app/api/checkout/route'),
  'account/subscriptions/seats': () => import('@/app/api/account/subscriptions/seats/route'),
  'admin/subscriptions/seats': () => import('@/app/api/admin/subscriptions/seats/route'),
  'admin/subscriptions/auto-renew': () => import('@/app/api/admin/subscriptions/auto-renew/route'),
  'admin/subscriptions/cancel': () => import('@/app/api/admin/subscriptions/cancel/route'),
  'admin/subscriptions/suspend': () => import('@/app/api/admin/subscriptions/suspend/route'),
  'admin/subscriptions/reactivate': () => import('@/app/api/admin/subscriptions/reactivate/route'),
};
type Answer = { status: number; body: { data?: { orderId?: string; notice?: string }; error?: { code: string; message: string } } };

async function post(route: keyof typeof ROUTES, cookie: string | undefined, body: object, tenant = w.tenants.acme): Promise<Answer> {
  const { POST } = await ROUTES[route]();
  const response = await POST(w.request(tenant, `/api/${route}`, { cookie, body }));
  return { status: response.status, body: await response.json() };
}

/** 5 seats of a monthly plan for Contoso, bought on account by its admin at the clock's time. */
async function buy(seats = 5) {
  expect((await post('cart', anna, { planId: planStd, seats })).status).toBe(200);
  const placed = await post('checkout', anna, { organizationId: contoso, paymentMethod: 'on_account', idempotencyKey: key(), locale: 'en' });
  expect(placed.status).toBe(200);
  const [line] = await w.db.select().from(orderLines).where(eq(orderLines.orderId, placed.body.data!.orderId!));
  return (await waitFor(async () => (await w.db.select().from(subscriptions).where(eq(subscriptions.orderLineId, line!.id)))[0], (s) => !!s))!;
}

const subById = async (id: string) => (await w.db.select().from(subscriptions).where(eq(subscriptions.id, id)))[0]!;
const history = (id: string) => w.db.select().from(subscriptionEvents).where(eq(subscriptionEvents.subscriptionId, id)).orderBy(asc(subscriptionEvents.at));
const mailsTo = (to: string) => w.db.select().from(mailOutbox).where(and(eq(mailOutbox.tenantId, w.tenants.acme.id), eq(mailOutbox.to, to)));

describe(`the back office acts for a customer (${driverName})`, () => {
  it('staff raise seats for the customer: the same order and proration, the reason and who in the history, the customer mailed', async () => {
    clock = new Date('2027-03-01T00:00:00Z');
    const sub = await buy(5);
    clock = new Date('2027-03-02T12:00:00Z');
    // The customer's own change and the staff's are one command: the same amount for the same seats at the same moment.
    const reason = 'Customer called: three new hires start on Monday';
    const done = await post('admin/subscriptions/seats', staff, { subscriptionId: sub.id, seats: 8, idempotencyKey: key(), locale: 'en', reason });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body.data!.notice).toBe('seats_ordered');
    await waitFor(() => subById(sub.id), (s) => s.seats === 8);
    const ordered = (await history(sub.id)).find((e) => e.kind === 'seats_increase_ordered')!;
    expect(ordered).toMatchObject({ actor: 'staff@acme.test', note: reason, seatsFrom: 5, seatsTo: 8 });
    // 3 seats for 29.5 of March's 31 days, rounded half-up once.
    const period = 31 * 86_400;
    const left = period - 86_400 * 1.5;
    expect(ordered.amount).toBe(Number((BigInt(sub.unitPrice * 3) * BigInt(left) * 2n + BigInt(period)) / (BigInt(period) * 2n)));
    const mail = await waitFor(() => mailsTo('anna@contoso.test'), (m) => m.some((x) => x.subject.includes('changed your subscription')));
    const told = mail.find((x) => x.subject.includes('changed your subscription'))!;
    expect(told.text).toContain('Seats 5 → 8 ordered');
    expect(told.text).toContain(reason);
    expect(told.text).toContain('staff@acme.test');
  });

  it('refuses what the customer would be refused, a missing reason by its label, and another storefront’s subscription as not found', async () => {
    clock = new Date('2027-03-01T00:00:00Z');
    const sub = await buy(5);
    const before = await subById(sub.id);
    const tooMany = await post('admin/subscriptions/seats', staff, { subscriptionId: sub.id, seats: 10_000, idempotencyKey: key(), locale: 'en', reason: 'a big customer' });
    expect(tooMany.status).toBe(422);
    expect(tooMany.body.error!.code).toBe('invalid_seats');
    const noReason = await post('admin/subscriptions/auto-renew', staff, { subscriptionId: sub.id, autoRenew: 'off', locale: 'en' });
    expect(noReason.status).toBe(422);
    expect(noReason.body.error!.message.toLowerCase()).toContain('reason');
    const blank = await post('admin/subscriptions/auto-renew', staff, { subscriptionId: sub.id, autoRenew: 'off', locale: 'en', reason: '   ' });
    expect(blank.status).toBe(422);
    // Globex's staff, and Globex's host, know nothing of Acme's subscription.
    const ida = await w.cookieFor(w.tenants.globex, 'admin@globex.test');
    expect((await post('admin/subscriptions/auto-renew', ida, { subscriptionId: sub.id, autoRenew: 'off', locale: 'en', reason: 'not ours' }, w.tenants.globex)).status).toBe(404);
    expect(await subById(sub.id)).toEqual(before);
  });

  it('who may act: the storefront’s admins and staff; not the customer’s own admin (it has its own routes), nobody signed out', async () => {
    clock = new Date('2027-03-01T00:00:00Z');
    const sub = await buy(5);
    const body = (autoRenew: 'on' | 'off') => ({ subscriptionId: sub.id, autoRenew, locale: 'en', reason: 'matrix check' });
    expect((await post('admin/subscriptions/auto-renew', undefined, body('off'))).status).toBe(401);
    expect((await post('admin/subscriptions/auto-renew', anna, body('off'))).status).toBe(403);
    expect((await subById(sub.id)).autoRenew).toBe(true);
    expect((await post('admin/subscriptions/auto-renew', staff, body('off'))).status).toBe(200);
    expect((await subById(sub.id)).autoRenew).toBe(false);
    expect((await post('admin/subscriptions/auto-renew', admin, body('on'))).status).toBe(200);
    expect((await subById(sub.id)).autoRenew).toBe(true);
    // Suspending is the store's, never the customer's: it has no such route, and the portal's refuses it.
    expect((await post('admin/subscriptions/suspend', anna, { subscriptionId: sub.id, locale: 'en', reason: 'me' })).status).toBe(403);
  });

  it('a suspended subscription keeps its seats, is not renewed, cannot be changed, and renews from its period end once reactivated', async () => {
    clock = new Date('2027-03-01T00:00:00Z');
    const sub = await buy(5);
    const suspended = await post('admin/subscriptions/suspend', staff, { subscriptionId: sub.id, locale: 'en', reason: 'Overdue invoice' });
    expect(suspended.status, JSON.stringify(suspended.body)).toBe(200);
    expect(await subById(sub.id)).toMatchObject({ status: 'suspended', seats: 5 });
    expect((await post('admin/subscriptions/suspend', staff, { subscriptionId: sub.id, locale: 'en', reason: 'again' })).body.error!.code).toBe('subscription_inactive');
    // The customer's own change is refused while suspended, by the same policy.
    const change = await post('account/subscriptions/seats', anna, { subscriptionId: sub.id, seats: 6, idempotencyKey: key(), locale: 'en' });
    expect(change.body.error!.code).toBe('subscription_inactive');

    // Past the period end: the renewal run passes it by.
    clock = new Date('2027-04-02T00:00:00Z');
    await renewDue(w.db, { now: clock });
    expect((await subById(sub.id)).currentPeriodEnd.toISOString()).toBe('2027-04-01T00:00:00.000Z');
    expect((await history(sub.id)).some((e) => e.kind === 'renewed')).toBe(false);

    const back = await post('admin/subscriptions/reactivate', admin, { subscriptionId: sub.id, locale: 'en', reason: 'Paid in full' });
    expect(back.status).toBe(200);
    expect((await subById(sub.id)).status).toBe('active');
    expect((await post('admin/subscriptions/reactivate', admin, { subscriptionId: sub.id, locale: 'en', reason: 'twice' })).body.error!.code).toBe('not_suspended');
    await renewDue(w.db, { now: clock });
    const renewed = await subById(sub.id);
    expect(renewed.currentPeriodStart.toISOString()).toBe('2027-04-01T00:00:00.000Z');
    expect(renewed.currentPeriodEnd.toISOString()).toBe('2027-05-01T00:00:00.000Z');
    const kinds = (await history(sub.id)).map((e) => `${e.kind}:${e.actor}:${e.note ?? ''}`);
    expect(kinds).toEqual(expect.arrayContaining(['suspended:staff@acme.test:Overdue invoice', 'reactivated:admin@acme.test:Paid in full']));
  });
});
