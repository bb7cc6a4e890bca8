import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { withTenant } from '@/lib/db/tenant';
import { orders, plans } from '@/lib/db/schema';
import { csvRecord, UTF8_BOM } from '@/lib/reporting/csv';
import { listOrders, orderCsvBatches, orderFilterChoices, parseOrderFilter } from '@/lib/reporting/orders';
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
  // Orders on account go straight to provisioning: the queue takes the job (no workers needed here).
  await w.startJobs({ workers: false });
  contoso = await w.orgId(w.tenants.acme, 'Contoso Ltd');
  tailspin = await w.orgId(w.tenants.acme, 'Tailspin Toys');
  const plan = async (sku: string) => (await w.db.select({ id: plans.id, productId: plans.productId }).from(plans).where(eq(plans.sku, sku)))[0]!;
  basic = await plan('MS-M365-BASIC-M');
  acronis = await plan('AC-CPC-STD-M');
  await order('anna@contoso.test', contoso, basic.id, 3);
  await order('anna@contoso.test', contoso, acronis.id, 2);
  await order('tess@tailspin.test', tailspin, basic.id, 5);
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
