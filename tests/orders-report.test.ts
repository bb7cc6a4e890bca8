import { randomBytes } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { withTenant } from '@/lib/db/tenant';
import { invoices, orders, plans, subscriptions } from '@/lib/db/schema';
import { invoiceCsvBatches, listInvoices, parseInvoiceFilter } from '@/lib/reporting/invoices';
import { csvRecord, UTF8_BOM } from '@/lib/reporting/csv';
import { listOrders, orderCsvBatches, orderFilterChoices, parseOrderFilter } from '@/lib/reporting/orders';
import { listSubscriptions, parseSubscriptionFilter, subscriptionCsvBatches, subscriptionFilterChoices } from '@/lib/reporting/subscriptions';
import { driverName } from './helpers/db';
import { createWorld, type World } from './helpers/world';

/** The portal's order list and its CSV export: filtered on the server, scoped to the storefront. */

let w: World;
let contoso: string;
let tailspin: string;
let basic: { id: string; productId: string };
let acronis: { id: string; productId: string };

async function order(email: string, organizationId: string, plan: string, seats: number) {
  const cookie = await w.cookieFor(w.tenants.acme, email);
  const { POST: add } = await import('@/app/api/cart/route');
  await add(w.request(w.tenants.acme, '/api/cart', { cookie, body: { planId: plan, seats } }));
  const { POST } = await import('@/app/api/checkout/route');
  const response = await POST(w.request(w.tenants.acme, '/api/checkout', { cookie, body: { organizationId, paymentMethod: 'on_account', idempotencyKey: randomBytes(12).toString('hex'), locale: 'en' } }));
  expect(response.status).toBe(200);
  return ((await response.json()) as { data: { orderId: string } }).data.orderId;
}

const scoped = <T>(fn: Parameters<typeof withTenant<T>>[2]) => withTenant(w.app.db, w.tenants.acme.id, fn);

beforeAll(async () => {
  w = await createWorld();
  // Orders on account go straight to provisioning; the demo vendor answers at once.
  await w.startJobs();
  contoso = await w.orgId(w.tenants.acme, 'Contoso Ltd');
  tailspin = await w.orgId(w.tenants.acme, 'Tailspin Toys');
  const plan = async (sku: string) => (await w.db.select({ id: plans.id, productId: plans.productId }).from(plans).where(eq(plans.sku, sku)))[0]!;
  basic = await plan('MS-M365-BASIC-M');
  acronis = await plan('AC-CPC-STD-M');
  await order('anna@contoso.test', contoso, basic.id, 3);
  await order('anna@contoso.test', contoso, acronis.id, 2);
  await order('tess@tailspin.test', tailspin, basic.id, 5);
  for (let i = 0; i < 300 && (await w.db.$count(subscriptions, eq(subscriptions.tenantId, w.tenants.acme.id))) < 3; i++) await new Promise((r) => setTimeout(r, 100));
}, 90_000);
afterAll(async () => w?.drop());
beforeEach(() => w.install());

describe(`order list and export (${driverName})`, () => {
  it('filters by customer, product, state and dates, counting every match', async () => {
    const all = await scoped((db) => listOrders(db, w.tenants.acme.id, {}, 1));
    expect(all.total).toBe(3);
    expect((await scoped((db) => listOrders(db, w.tenants.acme.id, { customer: contoso }, 1))).rows.map((r) => r.customer)).toEqual(['Contoso Ltd', 'Contoso Ltd']);
    const m365 = await scoped((db) => listOrders(db, w.tenants.acme.id, { product: basic.productId }, 1));
    expect(m365.rows.map((r) => r.customer).sort()).toEqual(['Contoso Ltd', 'Tailspin Toys']);
    expect((await scoped((db) => listOrders(db, w.tenants.acme.id, { state: 'cancelled' }, 1))).total).toBe(0);
    const today = new Date().toISOString().slice(0, 10);
    expect((await scoped((db) => listOrders(db, w.tenants.acme.id, { from: today, to: today }, 1))).total).toBe(3);
    expect((await scoped((db) => listOrders(db, w.tenants.acme.id, { to: '2020-01-01' }, 1))).total).toBe(0);
    const paged = await scoped((db) => listOrders(db, w.tenants.acme.id, {}, 2, 2));
    expect([paged.rows.length, paged.pages]).toEqual([1, 2]);
    const choices = await scoped((db) => orderFilterChoices(db, w.tenants.acme.id));
    expect(choices.products.map((p) => p.id).sort()).toEqual([basic.productId, acronis.productId].sort());
    expect(choices.customers.map((c) => c.name)).toContain('Tailspin Toys');
    // Another storefront's filter values find nothing here, and its own list is its own.
    expect((await withTenant(w.app.db, w.tenants.globex.id, (db) => listOrders(db, w.tenants.globex.id, {}, 1))).total).toBe(0);
  });

  it('names a bad filter instead of guessing, and keeps the good ones', () => {
    const { filter, problems } = parseOrderFilter({ state: 'shipped', from: '2026-02-30', customer: contoso, to: '' });
    expect(filter).toEqual({ customer: contoso });
    expect(problems.join(' ')).toMatch(/state: must be one of/);
    expect(problems.join(' ')).toMatch(/from: must be a real date|from: must be a date/);
    expect(parseOrderFilter({ from: '2026-03-01', to: '2026-02-01' }).problems[0]).toContain('after the last');
    expect(parseOrderFilter({ to: '2026-13-01' }).problems[0]).toContain('must be a real date');
  });

  it('exports every match as CSV records in batches, with lines and decimal amounts', async () => {
    const batches: (string | number | null)[][][] = [];
    for await (const batch of orderCsvBatches((fn) => withTenant(w.app.db, w.tenants.acme.id, fn), w.tenants.acme.id, {}, 2)) batches.push(batch);
    expect(batches.map((b) => b.length)).toEqual([2, 1]);
    const rows = batches.flat();
    const stored = await w.db.select().from(orders).where(eq(orders.tenantId, w.tenants.acme.id));
    const tailspinRow = rows.find((r) => r[2] === 'Tailspin Toys')!;
    const tailspinOrder = stored.find((o) => o.number === tailspinRow[0])!;
    expect(tailspinRow[9]).toBe('5 × MS-M365-BASIC-M');
    expect(tailspinRow[8]).toBe((tailspinOrder.total / 100).toFixed(2));
    expect(tailspinRow[5]).toBe('USD');
  });

  it('writes CSV a spreadsheet reads safely: quoted fields, CRLF, no formulas', () => {
    expect(csvRecord(['a,b', 'say "hi"', 'line\nbreak', 42, null])).toBe('"a,b","say ""hi""","line\nbreak",42,\r\n');
    expect(csvRecord(['=HYPERLINK("http://x")', '+1', '-5', '@SUM(A1)', 'Müller GmbH'])).toBe('"\'=HYPERLINK(""http://x"")",\'+1,\'-5,\'@SUM(A1),Müller GmbH\r\n');
    expect(UTF8_BOM).toBe('\uFEFF');
  });
});

describe(`subscription list and export (${driverName})`, () => {
  it('lists the storefront’s subscriptions by customer, product, status and renewal date', async () => {
    const acme = w.tenants.acme.id;
    expect((await scoped((db) => listSubscriptions(db, acme, {}, 1))).total).toBe(3);
    const contosos = await scoped((db) => listSubscriptions(db, acme, { customer: contoso }, 1));
    expect(contosos.rows.map((r) => [r.sku, r.seats]).sort()).toEqual([['AC-CPC-STD-M', 2], ['MS-M365-BASIC-M', 3]]);
    expect((await scoped((db) => listSubscriptions(db, acme, { product: basic.productId }, 1))).total).toBe(2);
    expect((await scoped((db) => listSubscriptions(db, acme, { status: 'cancelled' }, 1))).total).toBe(0);
    // Monthly plans renew within about a month from now.
    const soon = new Date(Date.now() + 40 * 86_400_000).toISOString().slice(0, 10);
    expect((await scoped((db) => listSubscriptions(db, acme, { renewsTo: soon }, 1))).total).toBe(3);
    expect((await scoped((db) => listSubscriptions(db, acme, { renewsTo: '2020-01-01' }, 1))).total).toBe(0);
    const choices = await scoped((db) => subscriptionFilterChoices(db, acme));
    expect(choices.products.map((p) => p.id).sort()).toEqual([basic.productId, acronis.productId].sort());
    expect(parseSubscriptionFilter({ status: 'paused', renewsFrom: '2026-05-01', renewsTo: '2026-04-01' }).problems).toHaveLength(2);
    expect((await withTenant(w.app.db, w.tenants.globex.id, (db) => listSubscriptions(db, w.tenants.globex.id, {}, 1))).total).toBe(0);
  });

  it('exports them with value and margin per period, in batches', async () => {
    const batches: (string | number | null)[][][] = [];
    for await (const batch of subscriptionCsvBatches((fn) => withTenant(w.app.db, w.tenants.acme.id, fn), w.tenants.acme.id, {}, 'en', 2)) batches.push(batch);
    expect(batches.map((b) => b.length)).toEqual([2, 1]);
    const rows = batches.flat();
    const stored = await w.db.select().from(subscriptions).where(and(eq(subscriptions.tenantId, w.tenants.acme.id), eq(subscriptions.organizationId, tailspin)));
    const row = rows.find((r) => r[0] === 'Tailspin Toys')!;
    const sub = stored[0]!;
    expect(row.slice(1, 6)).toEqual(['Microsoft 365 Business Basic', 'MS-M365-BASIC-M', 5, 'active', 'month']);
    expect(row[12]).toBe(((sub.unitPrice * 5) / 100).toFixed(2));
    expect(row[13]).toBe((((sub.unitPrice - sub.unitCost) * 5) / 100).toFixed(2));
  });
});

describe(`invoice list and export (${driverName})`, () => {
  it('lists the storefront’s invoices by customer, status and dates, and exports them in batches', async () => {
    const acme = w.tenants.acme.id;
    const stored = await w.db.select().from(invoices).where(eq(invoices.tenantId, acme));
    expect(stored.length).toBe(3);
    const all = await scoped((db) => listInvoices(db, acme, {}, 1));
    expect(all.total).toBe(3);
    expect((await scoped((db) => listInvoices(db, acme, { customer: contoso }, 1))).rows.map((r) => r.customer)).toEqual(['Contoso Ltd', 'Contoso Ltd']);
    expect((await scoped((db) => listInvoices(db, acme, { status: 'open' }, 1))).total).toBe(stored.filter((i) => i.status === 'open').length);
    expect((await scoped((db) => listInvoices(db, acme, { kind: 'credit_note' }, 1))).total).toBe(0);
    expect((await scoped((db) => listInvoices(db, acme, { to: '2020-01-01' }, 1))).total).toBe(0);
    expect(parseInvoiceFilter({ status: 'late', kind: 'receipt' }).problems).toHaveLength(2);
    expect((await withTenant(w.app.db, w.tenants.globex.id, (db) => listInvoices(db, w.tenants.globex.id, {}, 1))).total).toBe(0);

    const batches: (string | number | null)[][][] = [];
    for await (const batch of invoiceCsvBatches((fn) => withTenant(w.app.db, acme, fn), acme, {}, 2)) batches.push(batch);
    expect(batches.map((b) => b.length)).toEqual([2, 1]);
    const rows = batches.flat();
    expect(rows.map((r) => r[0]).sort()).toEqual(stored.map((i) => `INV-${String(i.number).padStart(6, '0')}`).sort());
    const tess = stored.find((i) => i.organizationId === tailspin)!;
    const row = rows.find((r) => r[4] === 'Tailspin Toys')!;
    expect(row.slice(5, 11)).toEqual([tess.status, 'on_account', 'USD', (tess.subtotal / 100).toFixed(2), (tess.tax / 100).toFixed(2), (tess.total / 100).toFixed(2)]);
  });
});
