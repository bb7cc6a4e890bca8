import { randomBytes } from 'node:crypto';
import { and, asc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { setClock } from '@/lib/clock';
import { invoiceLines, invoices, orderLines, orders, plans, subscriptionEvents, subscriptions, users } from '@/lib/db/schema';
import { withTenant } from '@/lib/db/tenant';
import { issueDocument } from '@/lib/invoices/issue';
import { renewDue } from '@/lib/subscriptions/renewals';
import { driverName } from './helpers/db';
import { waitFor } from './helpers/wait';
import { createWorld, type World } from './helpers/world';

/**
 * A subscription's life on a clock the test moves: purchase, seats up, seats down inside and
 * outside the cancellation window, an upgrade, renewal and cancellation. Every amount is checked
 * against proration worked out here by hand: the period's seconds still to come over its seconds,
 * times the amount for the whole period, rounded half-up to the cent, once per line.
 */

let w: World;
let clock = new Date('2027-01-01T00:00:00Z');
let anna: string;
let ben: string;
let contoso: string;
let planStd: string;
let planAdv: string;
let initrode: string;
const DAY = 86_400;

const at = (iso: string) => {
  clock = new Date(iso);
};
const key = () => randomBytes(12).toString('hex');
/** half-up(a × b / c) for non-negative integers, in integers. */
const halfUp = (a: number, b: number, c: number) => Number((BigInt(a) * BigInt(b) * 2n + BigInt(c)) / (BigInt(c) * 2n));
const tax = (amount: number) => Math.floor((amount * 800 + 5_000) / 10_000); // Acme taxes US customers 8 %

beforeAll(async () => {
  w = await createWorld();
  setClock(() => clock);
  await w.startJobs({ now: () => clock });
  anna = await w.cookieFor(w.tenants.acme, 'anna@contoso.test');
  ben = await w.cookieFor(w.tenants.acme, 'ben@contoso.test');
  contoso = await w.orgId(w.tenants.acme, 'Contoso Ltd');
  const planOf = async (sku: string) => (await w.db.select().from(plans).where(eq(plans.sku, sku)))[0]!.id;
  planStd = await planOf('AC-CPC-STD-M');
  planAdv = await planOf('AC-CPC-ADV-M');
  initrode = await w.orgId(w.tenants.globex, 'Initrode GmbH');
}, 60_000);
afterAll(async () => {
  setClock(undefined);
  await w?.drop();
});
beforeEach(() => w.install());

const ROUTES = {
  cart: () => import('@/app/api/cart/route'),
  checkout: () => import('@/app/api/checkout/route'),
  seats: () => import('@/app/api/account/subscriptions/seats/route'),
  plan: () => import('@/app/api/account/subscriptions/plan/route'),
  cancel: () => import('@/app/api/account/subscriptions/cancel/route'),
  resume: () => import('@/app/api/account/subscriptions/resume/route'),
  withdraw: () => import('@/app/api/account/subscriptions/withdraw/route'),
  autoRenew: () => import('@/app/api/account/subscriptions/auto-renew/route'),
  assign: () => import('@/app/api/account/subscriptions/assign/route'),
  unassign: () => import('@/app/api/account/subscriptions/unassign/route'),
};

async function post(route: keyof typeof ROUTES, cookie: string, body: object, tenant = w.tenants.acme) {
  const path = route === 'cart' || route === 'checkout' ? `/api/${route}` : `/api/account/subscriptions/${route}`;
  const { POST } = await ROUTES[route]();
  const response = await POST(w.request(tenant, path, { cookie, body }));
  return { status: response.status, body: (await response.json()) as { data?: { orderId?: string; notice?: string }; error?: { code: string; message: string } } };
}


/** An invoice of Initrode on Globex, issued in `tx` (for the numbering and immutability tests). */
async function issueForInitrode(tx: Parameters<typeof issueDocument>[0], sourceKey: string, line: { quantity: number; unitPrice: number }) {
  const tenant = w.tenants.globex;
  return issueDocument(
    tx,
    tenant,
    {
      kind: 'invoice',
      sourceKey,
      organizationId: initrode,
      buyer: { name: 'Initrode GmbH', country: 'DE', email: 'ida@initrode.test', taxId: null },
      paymentMethod: 'on_account',
      currency: 'EUR',
      taxBasisPoints: 1900,
      locale: 'de',
      lines: [{ description: { en: 'Test' }, periodStart: clock, periodEnd: clock, unitCost: 0, ...line, amount: line.quantity * line.unitPrice }],
    },
    clock,
  );
}

const subById = async (id: string) => (await w.db.select().from(subscriptions).where(eq(subscriptions.id, id)))[0]!;
const orderInvoice = async (orderId: string) => {
  const [invoice] = await w.db.select().from(invoices).where(eq(invoices.orderId, orderId));
  const lines = invoice ? await w.db.select().from(invoiceLines).where(eq(invoiceLines.invoiceId, invoice.id)).orderBy(asc(invoiceLines.position)) : [];
  return { invoice: invoice!, lines };
};

/** Buys `seats` of a plan for Contoso on account at the clock's time; returns the subscription. */
async function buy(planId: string, seats: number) {
  expect((await post('cart', anna, { planId, seats })).status).toBe(200);
  const placed = await post('checkout', anna, { organizationId: contoso, paymentMethod: 'on_account', idempotencyKey: key(), locale: 'en' });
  expect(placed.status).toBe(200);
  const orderId = placed.body.data!.orderId!;
  const [line] = await w.db.select().from(orderLines).where(eq(orderLines.orderId, orderId));
  const sub = await waitFor(async () => (await w.db.select().from(subscriptions).where(eq(subscriptions.orderLineId, line!.id)))[0], (s) => !!s);
  return { sub: sub!, orderId };
}

describe(`a subscription's life on a moving clock (${driverName})`, () => {
  it('purchase → seats up → down inside and outside the window → upgrade → renewal → cancellation, to the cent', async () => {
    // 1 January 2027, midnight: 5 seats of a monthly plan (72-hour cancellation window).
    at('2027-01-01T00:00:00Z');
    const { sub: bought, orderId: firstOrder } = await buy(planStd, 5);
    const P = bought.unitPrice;
    expect(bought.currentPeriodStart.toISOString()).toBe('2027-01-01T00:00:00.000Z');
    expect(bought.currentPeriodEnd.toISOString()).toBe('2027-02-01T00:00:00.000Z');
    const period = 31 * DAY;
    const first = await orderInvoice(firstOrder);
    expect(first.invoice).toMatchObject({ kind: 'invoice', status: 'open', subtotal: P * 5, tax: tax(P * 5), total: P * 5 + tax(P * 5), currency: 'USD' });
    expect(first.invoice.dueAt!.toISOString()).toBe('2027-01-31T00:00:00.000Z');

    // Day 1, 06:00: up to 8 seats, charged for the rest of January.
    at('2027-01-02T06:00:00Z');
    const up = await post('seats', anna, { subscriptionId: bought.id, seats: 8, idempotencyKey: key(), locale: 'en' });
    expect(up.status).toBe(200);
    const upCharge = halfUp(P * 3, period - (DAY + 6 * 3600), period);
    const upOrder = (await w.db.select().from(orders).where(eq(orders.id, up.body.data!.orderId!)))[0]!;
    expect(upOrder).toMatchObject({ subtotal: upCharge, tax: tax(upCharge), total: upCharge + tax(upCharge) });
    const upInvoice = await orderInvoice(upOrder.id);
    expect(upInvoice.lines).toHaveLength(1);
    expect(upInvoice.lines[0]).toMatchObject({ quantity: 3, unitPrice: P, amount: upCharge });
    expect(upInvoice.lines[0]!.periodEnd.toISOString()).toBe('2027-02-01T00:00:00.000Z');
    expect((await waitFor(() => subById(bought.id), (s) => s.seats === 8)).seats).toBe(8);

    // Day 2, 12:00 (inside the 72 hours): down to 6 at once, the rest of January credited.
    at('2027-01-03T12:00:00Z');
    const down = await post('seats', anna, { subscriptionId: bought.id, seats: 6, idempotencyKey: key(), locale: 'en' });
    expect(down.body.data?.notice).toBe('seats_reduced');
    const credit = halfUp(P * 2, period - (2 * DAY + 12 * 3600), period);
    expect((await subById(bought.id)).seats).toBe(6);
    const [note] = await w.db.select().from(invoices).where(and(eq(invoices.subscriptionId, bought.id), eq(invoices.kind, 'credit_note')));
    expect(note).toMatchObject({ status: 'issued', subtotal: credit, tax: tax(credit), total: credit + tax(credit), number: 1 });

    // Day 4 (the window closed on the 4th at midnight): down to 4 is scheduled for the renewal.
    at('2027-01-05T00:00:00Z');
    const later = await post('seats', anna, { subscriptionId: bought.id, seats: 4, idempotencyKey: key(), locale: 'en' });
    expect(later.body.data?.notice).toBe('decrease_scheduled');
    expect(await subById(bought.id)).toMatchObject({ seats: 6, scheduledSeats: 4 });
    // …and can be withdrawn, and scheduled again.
    expect((await post('withdraw', anna, { subscriptionId: bought.id })).body.data?.notice).toBe('schedule_withdrawn');
    expect((await subById(bought.id)).scheduledSeats).toBeNull();
    await post('seats', anna, { subscriptionId: bought.id, seats: 4, idempotencyKey: key(), locale: 'en' });
    // Never below what is assigned: two people have seats, so 1 is refused.
    const [benUser] = await w.db.select().from(users).where(eq(users.email, 'ben@contoso.test'));
    const [annaUser] = await w.db.select().from(users).where(eq(users.email, 'anna@contoso.test'));
    expect((await post('assign', anna, { subscriptionId: bought.id, userId: benUser!.id })).status).toBe(200);
    expect((await post('assign', anna, { subscriptionId: bought.id, userId: annaUser!.id })).status).toBe(200);
    const tooFew = await post('seats', anna, { subscriptionId: bought.id, seats: 1, idempotencyKey: key(), locale: 'en' });
    expect(tooFew.status).toBe(422);
    expect(tooFew.body.error!.message).toContain('2 seats are assigned');
    // A member may look, not change.
    expect((await post('seats', ben, { subscriptionId: bought.id, seats: 7, idempotencyKey: key(), locale: 'en' })).status).toBe(403);

    // Day 5, 18:00: upgrade to Advanced at once: its rest of January charged, Standard's credited.
    at('2027-01-06T18:00:00Z');
    const upgrade = await post('plan', anna, { subscriptionId: bought.id, planId: planAdv, idempotencyKey: key(), locale: 'en' });
    expect(upgrade.body.data?.notice).toBe('upgrade_ordered');
    const upgraded = await waitFor(() => subById(bought.id), (s) => s.planId === planAdv);
    const Q = upgraded.unitPrice;
    expect(Q).toBeGreaterThan(P);
    const left = period - (5 * DAY + 18 * 3600);
    const upgradeCharge = halfUp(Q * 6, left, period) - halfUp(P * 6, left, period);
    const upgradeOrder = (await w.db.select().from(orders).where(eq(orders.id, upgrade.body.data!.orderId!)))[0]!;
    expect(upgradeOrder.subtotal).toBe(upgradeCharge);

    // 1 February: the renewal applies the scheduled 4 seats at Advanced's price, once, though two runs race.
    at('2027-02-01T00:05:00Z');
    const [one, two] = await Promise.all([renewDue(w.app.db, { now: clock }), renewDue(w.app.db, { now: clock })]);
    expect(one.renewed + two.renewed).toBe(1);
    const renewed = await subById(bought.id);
    expect(renewed).toMatchObject({ seats: 4, scheduledSeats: null, planId: planAdv });
    expect(renewed.currentPeriodStart.toISOString()).toBe('2027-02-01T00:00:00.000Z');
    expect(renewed.currentPeriodEnd.toISOString()).toBe('2027-03-01T00:00:00.000Z');
    const renewalInvoices = await w.db.select().from(invoices).where(and(eq(invoices.subscriptionId, bought.id), eq(invoices.kind, 'invoice')));
    expect(renewalInvoices).toHaveLength(1);
    expect(renewalInvoices[0]).toMatchObject({ subtotal: Q * 4, tax: tax(Q * 4), total: Q * 4 + tax(Q * 4), status: 'open' });
    // Running again finds nothing to do.
    expect((await renewDue(w.app.db, { now: clock })).renewed).toBe(0);

    // 5 February, after the window: cancelling waits for the end of the period and can be undone.
    at('2027-02-05T09:00:00Z');
    expect((await post('cancel', anna, { subscriptionId: bought.id })).body.data?.notice).toBe('cancel_scheduled');
    expect((await post('resume', anna, { subscriptionId: bought.id })).body.data?.notice).toBe('cancel_withdrawn');
    expect((await post('cancel', anna, { subscriptionId: bought.id })).body.data?.notice).toBe('cancel_scheduled');
    expect(await subById(bought.id)).toMatchObject({ status: 'active', cancelAtPeriodEnd: true });
    at('2027-03-01T00:01:00Z');
    expect((await renewDue(w.app.db, { now: clock })).ended).toBe(1);
    expect(await subById(bought.id)).toMatchObject({ status: 'cancelled' });
    expect((await w.db.select().from(invoices).where(and(eq(invoices.subscriptionId, bought.id), eq(invoices.kind, 'invoice'))))).toHaveLength(1);

    const history = await w.db.select({ kind: subscriptionEvents.kind, actor: subscriptionEvents.actor }).from(subscriptionEvents).where(eq(subscriptionEvents.subscriptionId, bought.id)).orderBy(asc(subscriptionEvents.at));
    expect(history.map((e) => e.kind)).toEqual([
      'purchased',
      'seats_increase_ordered',
      'seats_increased',
      'seats_decreased',
      'decrease_scheduled',
      'schedule_withdrawn',
      'decrease_scheduled',
      'seat_assigned',
      'seat_assigned',
      'upgrade_ordered',
      'plan_upgraded',
      'renewed',
      'cancel_scheduled',
      'cancel_withdrawn',
      'cancel_scheduled',
      'ended',
    ]);
    expect(history[0]!.actor).toBe('anna@contoso.test');
  }, 120_000);

  it('cancelling inside the window ends the subscription at once with the rest of the period credited', async () => {
    at('2027-04-10T00:00:00Z');
    const { sub } = await buy(planStd, 3);
    at('2027-04-11T12:00:00Z');
    const cancelled = await post('cancel', anna, { subscriptionId: sub.id });
    expect(cancelled.body.data?.notice).toBe('cancelled');
    const period = 30 * DAY;
    const credit = halfUp(sub.unitPrice * 3, period - (DAY + 12 * 3600), period);
    expect(await subById(sub.id)).toMatchObject({ status: 'cancelled' });
    const [note] = await w.db.select().from(invoices).where(and(eq(invoices.subscriptionId, sub.id), eq(invoices.kind, 'credit_note')));
    expect(note!.subtotal).toBe(credit);
    // A cancelled subscription cannot change any more.
    expect((await post('seats', anna, { subscriptionId: sub.id, seats: 5, idempotencyKey: key(), locale: 'en' })).status).toBe(409);
  }, 60_000);

  it('another storefront’s customer, or an unknown subscription, finds nothing', async () => {
    at('2027-05-01T00:00:00Z');
    const { sub } = await buy(planStd, 2);
    const ida = await w.cookieFor(w.tenants.globex, 'ida@initrode.test');
    const fay = await w.cookieFor(w.tenants.acme, 'fay@fabrikam.test');
    expect((await post('cancel', ida, { subscriptionId: sub.id }, w.tenants.globex)).status).toBe(404);
    expect((await post('cancel', fay, { subscriptionId: sub.id })).status).toBe(404);
    expect((await post('cancel', anna, { subscriptionId: '00000000-0000-4000-8000-000000000000' })).status).toBe(404);
    const bad = await post('seats', anna, { subscriptionId: sub.id, seats: 'many', idempotencyKey: key(), locale: 'en' });
    expect(bad.status).toBe(422);
    expect(await subById(sub.id)).toMatchObject({ status: 'active', seats: 2 });
  }, 60_000);

  it('the pages’ reads: the organisation’s subscriptions with seats assigned, one subscription’s history and documents, open invoices', async () => {
    at('2027-05-20T00:00:00Z');
    const { sub, orderId } = await buy(planStd, 3);
    const [ben] = await w.db.select().from(users).where(eq(users.email, 'ben@contoso.test'));
    expect((await post('assign', anna, { subscriptionId: sub.id, userId: ben!.id })).status).toBe(200);
    const { organizationSubscriptions, subscriptionDetail, organizationDocuments, storefrontOpenInvoices } = await import('@/lib/subscriptions/queries');
    const { assignedTo } = await import('@/lib/subscriptions/assignments');
    await withTenant(w.app.db, w.tenants.acme.id, async (tx) => {
      const list = await organizationSubscriptions(tx, w.tenants.acme.id, [contoso]);
      expect(list.find((r) => r.sub.id === sub.id)).toMatchObject({ assigned: 1, productName: { en: 'Acronis Cyber Protect Cloud' } });
      const detail = (await subscriptionDetail(tx, w.tenants.acme.id, sub.id))!;
      expect(detail.assigned.map((a) => a.email)).toEqual(['ben@contoso.test']);
      expect(detail.choices.map((p) => p.sku)).toEqual(['AC-CPC-STD-M', 'AC-CPC-STD-Y', 'AC-CPC-ADV-M', 'AC-CPC-ADV-Y']);
      expect(detail.events.map((e) => e.kind)).toEqual(['seat_assigned', 'purchased']);
      expect(detail.documents.map((d) => d.orderId)).toEqual([orderId]);
      expect((await organizationDocuments(tx, w.tenants.acme.id, [contoso])).some((d) => d.orderId === orderId)).toBe(true);
      expect((await storefrontOpenInvoices(tx, w.tenants.acme.id)).some((r) => r.invoice.orderId === orderId && r.customer === 'Contoso Ltd')).toBe(true);
      expect((await assignedTo(tx, w.tenants.acme.id, ben!.id)).map((a) => a.subscriptionId)).toContain(sub.id);
      // Another storefront's reads find nothing of Acme's.
      expect(await subscriptionDetail(tx, w.tenants.globex.id, sub.id)).toBeNull();
    });
    // …nor, with the WHERE naming Acme, does row-level security let Globex's transaction see it.
    await withTenant(w.app.db, w.tenants.globex.id, async (tx) => {
      if (driverName === 'pglite') await tx.execute(sql`set local role channelfront_app`);
      expect(await subscriptionDetail(tx, w.tenants.acme.id, sub.id)).toBeNull();
      expect(await organizationSubscriptions(tx, w.tenants.acme.id, [contoso])).toEqual([]);
    });
  }, 60_000);

  it('20 concurrent seat changes end in the right count, each charged for what it added', async () => {
    at('2027-06-01T00:00:00Z');
    const { sub } = await buy(planStd, 10);
    at('2027-06-11T00:00:00Z');
    const period = 30 * DAY;
    const targets = Array.from({ length: 20 }, (_, i) => 11 + i);
    const results = await Promise.all(targets.map((seats) => post('seats', anna, { subscriptionId: sub.id, seats, idempotencyKey: key(), locale: 'en' })));
    // Each either ordered seats or, as a decrease behind a larger pending increase, was refused.
    for (const r of results) expect([200, 409]).toContain(r.status);
    const lines = await w.db.select().from(orderLines).where(eq(orderLines.subscriptionId, sub.id));
    expect(lines.reduce((n, l) => n + l.seats, 0)).toBe(20);
    for (const line of lines) expect(line.amount).toBe(halfUp(sub.unitPrice * line.seats, period - 10 * DAY, period));
    expect((await waitFor(() => subById(sub.id), (s) => s.seats === 30)).seats).toBe(30);
  }, 120_000);

  it('invoice numbers have no gaps after 100 concurrent issues, some of them rolled back', async () => {
    const tenant = w.tenants.globex;
    const issue = (i: number) =>
      withTenant(w.app.db, tenant.id, async (tx) => {
        await issueForInitrode(tx, `test:${i}`, { quantity: 1, unitPrice: 100 + i });
        if (i % 10 === 0) throw new Error('rolled back');
      }).then(
        () => 'ok',
        () => 'rolled back',
      );
    const outcomes = await Promise.all(Array.from({ length: 100 }, (_, i) => issue(i)));
    expect(outcomes.filter((o) => o === 'ok')).toHaveLength(90);
    const numbers = (await w.db.select({ n: invoices.number }).from(invoices).where(and(eq(invoices.tenantId, tenant.id), eq(invoices.kind, 'invoice')))).map((r) => r.n).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: 90 }, (_, i) => i + 1));
  }, 120_000);

  it('an issued invoice cannot be altered by the app, only marked paid', async () => {
    const { invoice } = await withTenant(w.app.db, w.tenants.globex.id, (tx) => issueForInitrode(tx, 'test:immutable', { quantity: 2, unitPrice: 1000 }));
    expect(invoice).toMatchObject({ subtotal: 2000, tax: 380, total: 2380, status: 'open' });
    const asApp = (statement: ReturnType<typeof sql>) =>
      withTenant(w.app.db, invoice!.tenantId, async (tx) => {
        if (driverName === 'pglite') await tx.execute(sql`set local role channelfront_app`);
        await tx.execute(statement);
      });
    // The database's own refusal (drizzle wraps it: the cause is PostgreSQL's error).
    const refusal = (p: Promise<unknown>) => p.then(() => 'allowed', (e: Error & { cause?: Error }) => String(e.cause?.message ?? e.message));
    expect(await refusal(asApp(sql`update invoices set total = 1, subtotal = 1, tax = 0 where id = ${invoice!.id}`))).toMatch(/permission denied/);
    expect(await refusal(asApp(sql`update invoice_lines set amount = 1 where invoice_id = ${invoice!.id}`))).toMatch(/permission denied/);
    expect(await refusal(asApp(sql`delete from invoices where id = ${invoice!.id}`))).toMatch(/permission denied/);
    // The customer's credit ledger only grows: no entry is changed or taken back.
    expect(await refusal(asApp(sql`update account_credits set amount = 1`))).toMatch(/permission denied/);
    expect(await refusal(asApp(sql`delete from account_credits`))).toMatch(/permission denied/);
    await asApp(sql`update invoices set status = 'paid', paid_at = now() where id = ${invoice!.id}`);
    expect((await w.db.select().from(invoices).where(eq(invoices.id, invoice!.id)))[0]!.status).toBe('paid');
  }, 60_000);
});
