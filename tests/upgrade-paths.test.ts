import { randomBytes } from 'node:crypto';
import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { setClock } from '@/lib/clock';
import { invoiceLines, invoices, orderLines, plans, products, seatAssignments, subscriptionEvents, subscriptions, users } from '@/lib/db/schema';
import { importCatalogFile } from '@/lib/catalog/import';
import { prorate } from '@/lib/periods';
import { renewDue } from '@/lib/subscriptions/renewals';
import { driverName } from './helpers/db';
import { waitFor } from './helpers/wait';
import { createWorld, type World } from './helpers/world';

/**
 * Upgrade paths as vendors define them: Microsoft 365 Business Basic names Standard, so a Basic
 * subscription moves to Standard mid-term (prorated as within one product), keeping its seats and
 * licence assignments; back down, and to another billing period, at the renewal.
 */

let w: World;
let clock = new Date('2027-03-01T00:00:00Z');
let anna: string;
let staff: string;
let contoso: string;
const plan: Record<string, string> = {};
const key = () => randomBytes(12).toString('hex');

beforeAll(async () => {
  w = await createWorld();
  setClock(() => clock);
  await w.startJobs({ now: () => clock });
  anna = await w.cookieFor(w.tenants.acme, 'anna@contoso.test');
  staff = await w.cookieFor(w.tenants.acme, 'staff@acme.test');
  contoso = await w.orgId(w.tenants.acme, 'Contoso Ltd');
  for (const row of await w.db.select().from(plans)) plan[row.sku] = row.id;
}, 60_000);
afterAll(async () => {
  setClock(undefined);
  await w?.drop();
});
beforeEach(() => w.install());

const ROUTES = {
  cart: () => import('@/app/api/cart/route'),
  checkout: () => import('@/app/api/checkout/route'),
  'account/subscriptions/assign': () => import('@/app/api/account/subscriptions/assign/route'),
  'account/subscriptions/plan': () => import('@/app/api/account/subscriptions/plan/route'),
  'account/subscriptions/withdraw': () => import('@/app/api/account/subscriptions/withdraw/route'),
  'admin/subscriptions/plan': () => import('@/app/api/admin/subscriptions/plan/route'),
};
type Answer = { status: number; body: { data?: { orderId?: string; notice?: string }; error?: { code: string; message: string } } };

async function post(route: keyof typeof ROUTES, cookie: string | undefined, body: object): Promise<Answer> {
  const { POST } = await ROUTES[route]();
  const response = await POST(w.request(w.tenants.acme, `/api/${route}`, { cookie, body }));
  return { status: response.status, body: await response.json() };
}

async function buy(sku: string, seats: number) {
  expect((await post('cart', anna, { planId: plan[sku], seats })).status).toBe(200);
  const placed = await post('checkout', anna, { organizationId: contoso, paymentMethod: 'on_account', idempotencyKey: key(), locale: 'en' });
  expect(placed.status, JSON.stringify(placed.body)).toBe(200);
  const [line] = await w.db.select().from(orderLines).where(eq(orderLines.orderId, placed.body.data!.orderId!));
  return (await waitFor(async () => (await w.db.select().from(subscriptions).where(eq(subscriptions.orderLineId, line!.id)))[0], (s) => !!s))!;
}

const subById = async (id: string) => (await w.db.select().from(subscriptions).where(eq(subscriptions.id, id)))[0]!;
const productOf = async (id: string) => (await w.db.select().from(products).where(eq(products.id, id)))[0]!;
const unitPriceOf = async (sku: string) => {
  const { priceItems } = await import('@/lib/orders/pricing');
  const { loadPricingContext } = await import('@/lib/pricing/offer');
  const { withTenant } = await import('@/lib/db/tenant');
  return withTenant(w.app.db, w.tenants.acme.id, async (tx) => {
    const pricing = (await loadPricingContext(tx, w.tenants.acme))!;
    const [priced] = await priceItems(tx, pricing, [{ planId: plan[sku]!, seats: 3 }], 'USD', contoso);
    return priced!.waterfall.sell;
  });
};

describe(`upgrade paths across products (${driverName})`, () => {
  it('Basic → Standard mid-term: the prorated difference, one order; seats and licence assignments kept; the product is Standard', async () => {
    clock = new Date('2027-03-01T00:00:00Z');
    const sub = await buy('MS-M365-BASIC-M', 3);
    const [ben] = await w.db.select().from(users).where(and(eq(users.tenantId, w.tenants.acme.id), eq(users.email, 'ben@contoso.test')));
    expect((await post('account/subscriptions/assign', anna, { subscriptionId: sub.id, userId: ben!.id })).status).toBe(200);
    clock = new Date('2027-03-11T00:00:00Z');
    const done = await post('account/subscriptions/plan', anna, { subscriptionId: sub.id, planId: plan['MS-M365-STD-M'], idempotencyKey: key(), locale: 'en' });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body.data!.notice).toBe('upgrade_ordered');
    const std = await unitPriceOf('MS-M365-STD-M');
    const expected = prorate(std * 3, sub.currentPeriodStart, sub.currentPeriodEnd, clock) - prorate(sub.unitPrice * 3, sub.currentPeriodStart, sub.currentPeriodEnd, clock);
    expect(expected).toBeGreaterThan(0);
    const [line] = await w.db.select().from(orderLines).where(eq(orderLines.orderId, done.body.data!.orderId!));
    expect(line).toMatchObject({ kind: 'upgrade', sku: 'MS-M365-STD-M', seats: 3, amount: expected });
    const moved = await waitFor(() => subById(sub.id), (s) => s.planId === plan['MS-M365-STD-M']);
    expect(moved).toMatchObject({ seats: 3, unitPrice: std, billingPeriod: 'month', currentPeriodEnd: sub.currentPeriodEnd });
    expect((await productOf(moved.productId)).sku).toBe('MS-M365-STD');
    const kept = await w.db.select().from(seatAssignments).where(eq(seatAssignments.subscriptionId, sub.id));
    expect(kept.map((a) => a.userId)).toEqual([ben!.id]);
    // The order's invoice bills exactly the difference, on the Standard product's name.
    const [invoice] = await w.db.select().from(invoices).where(eq(invoices.orderId, done.body.data!.orderId!));
    const lines = await w.db.select().from(invoiceLines).where(eq(invoiceLines.invoiceId, invoice!.id));
    expect(lines.map((l) => l.amount)).toEqual([expected]);
    expect(JSON.stringify(lines[0]!.description)).toContain('Business Standard');
  });

  it('back down the path (Standard → Basic) waits for the renewal, and the renewal bills Basic on the same subscription; staff do it with a reason', async () => {
    clock = new Date('2027-03-01T00:00:00Z');
    const sub = await buy('MS-M365-STD-M', 3);
    clock = new Date('2027-03-05T00:00:00Z');
    const done = await post('admin/subscriptions/plan', staff, { subscriptionId: sub.id, planId: plan['MS-M365-BASIC-M'], idempotencyKey: key(), locale: 'en', reason: 'Customer only needs mail' });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body.data!.notice).toBe('downgrade_scheduled');
    expect(await subById(sub.id)).toMatchObject({ planId: plan['MS-M365-STD-M'], scheduledPlanId: plan['MS-M365-BASIC-M'] });
    clock = new Date(sub.currentPeriodEnd.getTime() + 60_000);
    await renewDue(w.db, { now: clock });
    const renewed = await subById(sub.id);
    const basic = await unitPriceOf('MS-M365-BASIC-M');
    expect(renewed).toMatchObject({ planId: plan['MS-M365-BASIC-M'], scheduledPlanId: null, unitPrice: basic, seats: 3 });
    expect((await productOf(renewed.productId)).sku).toBe('MS-M365-BASIC');
    const [event] = await w.db.select().from(subscriptionEvents).where(and(eq(subscriptionEvents.subscriptionId, sub.id), eq(subscriptionEvents.kind, 'renewed')));
    const [invoice] = await w.db.select().from(invoices).where(eq(invoices.id, event!.invoiceId!));
    expect(invoice!.subtotal).toBe(basic * 3);
  });

  it('monthly → annual waits for the renewal (withdrawable), then bills a year and counts its periods from that renewal', async () => {
    clock = new Date('2027-01-31T00:00:00Z');
    const sub = await buy('MS-M365-BASIC-M', 2);
    clock = new Date('2027-02-10T00:00:00Z');
    const scheduled = await post('account/subscriptions/plan', anna, { subscriptionId: sub.id, planId: plan['MS-M365-BASIC-Y'], idempotencyKey: key(), locale: 'en' });
    expect(scheduled.body.data?.notice, JSON.stringify(scheduled.body)).toBe('downgrade_scheduled');
    // Withdrawn, and asked again: what was scheduled is what renews.
    expect((await post('account/subscriptions/withdraw', anna, { subscriptionId: sub.id })).status).toBe(200);
    expect((await subById(sub.id)).scheduledPlanId).toBeNull();
    // A dearer plan on another billing period is scheduled too: a period is never split between two.
    expect((await post('account/subscriptions/plan', anna, { subscriptionId: sub.id, planId: plan['MS-M365-STD-Y'], idempotencyKey: key(), locale: 'en' })).body.data?.notice).toBe('downgrade_scheduled');
    expect((await subById(sub.id)).scheduledPlanId).toBe(plan['MS-M365-STD-Y']);
    expect((await post('account/subscriptions/plan', anna, { subscriptionId: sub.id, planId: plan['MS-M365-BASIC-Y'], idempotencyKey: key(), locale: 'en' })).status).toBe(200);
    const end = sub.currentPeriodEnd; // 28 February 2027
    expect(end.toISOString()).toBe('2027-02-28T00:00:00.000Z');
    clock = new Date(end.getTime() + 60_000);
    await renewDue(w.db, { now: clock });
    const annual = await subById(sub.id);
    expect(annual).toMatchObject({ billingPeriod: 'year', planId: plan['MS-M365-BASIC-Y'], currentPeriodStart: end });
    expect(annual.currentPeriodEnd.toISOString()).toBe('2028-02-28T00:00:00.000Z');
    const [renewedEvent] = await w.db.select().from(subscriptionEvents).where(and(eq(subscriptionEvents.subscriptionId, sub.id), eq(subscriptionEvents.kind, 'renewed')));
    const [invoice] = await w.db.select().from(invoices).where(eq(invoices.id, renewedEvent!.invoiceId!));
    expect(invoice!.subtotal).toBe((await unitPriceOf('MS-M365-BASIC-Y')) * 2);
    // The next renewal is a year on from the change, not from the purchase's 31st.
    clock = new Date('2028-02-28T00:01:00Z');
    await renewDue(w.db, { now: clock });
    expect((await subById(sub.id)).currentPeriodEnd.toISOString()).toBe('2029-02-28T00:00:00.000Z');
  });

  it('a product off the path is not found, and nothing changes', async () => {
    clock = new Date('2027-03-01T00:00:00Z');
    const sub = await buy('MS-M365-BASIC-M', 1);
    const before = await subById(sub.id);
    for (const sku of ['GO-WS-START-M', 'VE-BM365-M']) {
      const refused = await post('account/subscriptions/plan', anna, { subscriptionId: sub.id, planId: plan[sku], idempotencyKey: key(), locale: 'en' });
      expect(refused.status).toBe(404);
      expect(refused.body.error!.code).toBe('other_product');
    }
    // A plan id with a typo is refused as input before anything is read.
    expect((await post('account/subscriptions/plan', anna, { subscriptionId: sub.id, planId: 'not-a-plan', idempotencyKey: key(), locale: 'en' })).status).toBe(422);
    expect(await subById(sub.id)).toEqual(before);
  });
});

describe(`the catalog import names upgrade paths (${driverName})`, () => {
  const header = 'product_sku,product_slug,vendor,category,name_en,description_en,plan_sku,plan_name_en,billing_period,term_months,wholesale_EUR,msrp_EUR,upgrades_to';
  const row = (sku: string, upgrades: string) => `${sku},${sku.toLowerCase()},Contoso Vendor,productivity,${sku},A product,${sku}-M,Monthly,month,1,5.00,6.00,${upgrades}`;

  it('reads the upgrades_to column (SKUs in one cell) and stores the path', async () => {
    const csv = [header, row('UP-ONE', '"UP-TWO; UP-THREE"'), row('UP-TWO', 'UP-THREE'), row('UP-THREE', '')].join('\n');
    const report = await importCatalogFile(w.db, w.tenants.northwind.id, csv, 'csv');
    expect(report.ok, JSON.stringify(report.issues)).toBe(true);
    const stored = await w.db.select({ sku: products.sku, upgradesTo: products.upgradesTo }).from(products).where(and(eq(products.tenantId, w.tenants.northwind.id))).orderBy(asc(products.sku));
    expect(stored.filter((p) => p.sku.startsWith('UP-'))).toEqual([
      { sku: 'UP-ONE', upgradesTo: ['UP-TWO', 'UP-THREE'] },
      { sku: 'UP-THREE', upgradesTo: [] },
      { sku: 'UP-TWO', upgradesTo: ['UP-THREE'] },
    ]);
  });

  it('refuses a path to an unknown product or to itself, and imports nothing', async () => {
    const unknown = await importCatalogFile(w.db, w.tenants.northwind.id, [header, row('UP-FOUR', 'UP-NOWHERE')].join('\n'), 'csv');
    expect(unknown.ok).toBe(false);
    expect(unknown.issues.map((i) => i.message).join()).toContain('UP-NOWHERE');
    const itself = await importCatalogFile(w.db, w.tenants.northwind.id, [header, row('UP-FIVE', 'UP-FIVE')].join('\n'), 'csv');
    expect(itself.ok).toBe(false);
    expect(itself.issues.map((i) => i.message).join()).toContain('itself');
    const json = JSON.stringify({ products: [{ sku: 'UP-SIX', slug: 'up-six', vendor: 'V', category: 'productivity', name: { en: 'Six' }, description: { en: 'Six' }, upgradesTo: ['nope nope'], plans: [{ sku: 'UP-SIX-M', name: { en: 'M' }, billingPeriod: 'month', termMonths: 1, prices: { EUR: { wholesale: 1, msrp: 2 } } }] }] });
    expect((await importCatalogFile(w.db, w.tenants.northwind.id, json, 'json')).ok).toBe(false);
    expect(await w.db.select().from(products).where(eq(products.sku, 'UP-FOUR'))).toEqual([]);
  });
});
