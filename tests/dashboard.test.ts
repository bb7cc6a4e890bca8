import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { asDistributor, withTenant } from '@/lib/db/tenant';
import { invoiceLines, invoices, orderLines, organizations, plans, subscriptions, tenants } from '@/lib/db/schema';
import { issueDocument } from '@/lib/invoices/issue';
import { loadDashboard, twelveMonths } from '@/lib/reporting/dashboard';
import { driverName } from './helpers/db';
import { createWorld, type World } from './helpers/world';

type Sub = typeof subscriptions.$inferSelect;

/**
 * The portal's dashboard: every figure is checked against a sum this test computes itself from
 * the invoices, their lines and the subscriptions.
 */

let w: World;
const acme = () => w.tenants.acme;
const NOW = new Date();

async function order(email: string, org: string, sku: string, seats: number) {
  const cookie = await w.cookieFor(acme(), email);
  const [plan] = await w.db.select({ id: plans.id }).from(plans).where(eq(plans.sku, sku));
  const { POST: add } = await import('@/app/api/cart/route');
  await add(w.request(acme(), '/api/cart', { cookie, body: { planId: plan!.id, seats } }));
  const { POST } = await import('@/app/api/checkout/route');
  const response = await POST(w.request(acme(), '/api/checkout', { cookie, body: { organizationId: org, paymentMethod: 'on_account', idempotencyKey: randomBytes(12).toString('hex'), locale: 'en' } }));
  expect(response.status).toBe(200);
}

/** A document issued at `at` (months ago), as the invoicing code issues them. */
async function issueAt(kind: 'invoice' | 'credit_note', org: string, at: Date, amount: number, unitCost: number) {
  const [o] = await w.db.select().from(organizations).where(eq(organizations.id, org));
  await withTenant(w.app.db, acme().id, (db) =>
    issueDocument(db, acme(), {
      kind,
      sourceKey: `test:${randomBytes(6).toString('hex')}`,
      organizationId: org,
      buyer: { name: o!.name, country: o!.country, email: o!.billingEmail, taxId: o!.taxId },
      paymentMethod: 'on_account',
      currency: 'USD',
      taxBasisPoints: 800,
      locale: 'en',
      lines: [{ description: { en: 'Test line' }, periodStart: at, periodEnd: at, quantity: 2, unitPrice: amount / 2, unitCost, amount }],
    }, at),
  );
}

const monthsAgo = (n: number) => new Date(Date.UTC(NOW.getUTCFullYear(), NOW.getUTCMonth() - n, 15, 12));

/** Revenue and margin per month from Acme's USD documents, summed here from the rows. */
async function expectedMonths(tenantIds: string[]) {
  const docs = await w.db.select().from(invoices).where(and(inArray(invoices.tenantId, tenantIds), eq(invoices.currency, 'USD')));
  const lines = await w.db.select().from(invoiceLines).where(inArray(invoiceLines.tenantId, tenantIds));
  const { starts, end } = twelveMonths(NOW);
  return starts.map((start) => {
    const key = start.toISOString().slice(0, 7);
    let revenue = 0;
    let margin = 0;
    for (const d of docs.filter((x) => x.issuedAt >= starts[0]! && x.issuedAt < end && x.issuedAt.toISOString().slice(0, 7) === key)) {
      const sign = d.kind === 'invoice' ? 1 : -1;
      revenue += sign * d.subtotal;
      margin += sign * lines.filter((l) => l.invoiceId === d.id).reduce((s, l) => s + l.amount - l.cost, 0);
    }
    return { month: key, revenue, margin };
  });
}

beforeAll(async () => {
  w = await createWorld();
  await w.startJobs();
  const contoso = await w.orgId(acme(), 'Contoso Ltd');
  const tailspin = await w.orgId(acme(), 'Tailspin Toys');
  await order('anna@contoso.test', contoso, 'MS-M365-BASIC-M', 5);
  await order('anna@contoso.test', contoso, 'ES-PROTECT-ENTRY-Y', 3);
  await order('tess@tailspin.test', tailspin, 'GO-WS-START-M', 7);
  await issueAt('invoice', tailspin, monthsAgo(3), 10_000, 3_100);
  await issueAt('credit_note', tailspin, monthsAgo(3), 2_000, 600);
  // Thirteen months back: outside the chart.
  await issueAt('invoice', contoso, monthsAgo(13), 50_000, 1_000);
  for (let i = 0; i < 300 && (await w.db.$count(subscriptions, eq(subscriptions.tenantId, acme().id))) < 3; i++) await new Promise((r) => setTimeout(r, 100));
}, 120_000);
afterAll(async () => w?.drop());
beforeEach(() => w.install());

describe(`dashboard (${driverName})`, () => {
  it('records each invoice line’s cost from the order line it bills', async () => {
    const ordered = await w.db.select().from(orderLines).where(eq(orderLines.tenantId, acme().id));
    const billed = await w.db.select({ line: invoiceLines, orderId: invoices.orderId }).from(invoiceLines).innerJoin(invoices, and(eq(invoices.tenantId, invoiceLines.tenantId), eq(invoices.id, invoiceLines.invoiceId))).where(eq(invoiceLines.tenantId, acme().id));
    for (const o of ordered) {
      const line = billed.find((b) => b.orderId === o.orderId && b.line.position === o.position)!.line;
      expect(line.cost).toBe(o.unitCost * o.seats);
      expect(line.amount).toBe(o.unitPrice * o.seats);
    }
  });

  it('gives documents issued before lines kept their cost the cost they would have had (migration 0015)', async () => {
    const before = await w.db.select().from(invoiceLines).where(eq(invoiceLines.tenantId, acme().id));
    const ordered = before.filter((l) => l.description.en !== 'Test line');
    await w.db.update(invoiceLines).set({ cost: 0 }).where(eq(invoiceLines.tenantId, acme().id));
    const migration = await readFile('drizzle/0015_invoice_line_cost.sql', 'utf8');
    for (const statement of migration.split('--> statement-breakpoint').filter((x) => /^\s*(--.*\n)*\s*UPDATE/m.test(x))) await w.db.execute(sql.raw(statement));
    const after = await w.db.select().from(invoiceLines).where(eq(invoiceLines.tenantId, acme().id));
    // Lines that bill an order or a subscription are restored; the test's own documents bill neither.
    for (const l of ordered) expect(after.find((a) => a.invoiceId === l.invoiceId && a.position === l.position)!.cost).toBe(l.cost);
    await w.db.delete(invoiceLines).where(eq(invoiceLines.tenantId, acme().id));
    await w.db.insert(invoiceLines).values(before);
  });

  it('shows revenue and margin by month exactly as the invoices and credit notes sum up', async () => {
    const d = await withTenant(w.app.db, acme().id, (db) => loadDashboard(db, [acme().id], 'USD', NOW));
    const expected = await expectedMonths([acme().id]);
    expect(d.months).toEqual(expected);
    expect(d.months.at(-1)!.revenue).toBeGreaterThan(0);
    expect(d.months.find((m) => m.month === monthsAgo(3).toISOString().slice(0, 7))).toEqual({ month: monthsAgo(3).toISOString().slice(0, 7), revenue: 8_000, margin: 10_000 - 6_200 - (2_000 - 1_200) });
  });

  it('counts MRR, active subscriptions and seats, renewals and the top products and customers from the subscriptions', async () => {
    const d = await withTenant(w.app.db, acme().id, (db) => loadDashboard(db, [acme().id], 'USD', NOW));
    const subs = await w.db.select().from(subscriptions).where(and(eq(subscriptions.tenantId, acme().id), eq(subscriptions.currency, 'USD'), eq(subscriptions.status, 'active')));
    expect(subs.length).toBe(3);
    const monthly = subs.filter((s) => s.billingPeriod === 'month').reduce((t, s) => t + s.unitPrice * s.seats, 0);
    const yearly = subs.filter((s) => s.billingPeriod === 'year').reduce((t, s) => t + s.unitPrice * s.seats, 0);
    expect(d.mrr).toBe(monthly + Math.round(yearly / 12));
    // All three started today.
    expect(d.mrrStarted).toBe(d.mrr);
    expect(d.mrrEnded).toBe(0);
    expect(d.activeSubscriptions).toBe(3);
    expect(d.activeSeats).toBe(5 + 3 + 7);
    // A month from now the monthly ones renew: seen from two days later, they are within 30 days.
    const later = await withTenant(w.app.db, acme().id, (db) => loadDashboard(db, [acme().id], 'USD', new Date(NOW.getTime() + 2 * 86_400_000)));
    const month = subs.filter((s) => s.billingPeriod === 'month');
    expect(later.renewals.count).toBe(month.length);
    expect(later.renewals.amount).toBe(month.reduce((t, s) => t + s.unitPrice * s.seats, 0));
    expect(later.renewals.next.map((r) => r.subscriptionId).sort()).toEqual(month.map((s) => s.id).sort());
    expect(d.topProducts[0]!.mrr).toBeGreaterThanOrEqual(d.topProducts.at(-1)!.mrr);
    const docs = await w.db.select().from(invoices).where(and(eq(invoices.tenantId, acme().id), eq(invoices.currency, 'USD')));
    const { starts } = twelveMonths(NOW);
    const byCustomer = new Map<string, number>();
    for (const x of docs.filter((x) => x.issuedAt >= starts[0]!)) byCustomer.set(x.organizationId, (byCustomer.get(x.organizationId) ?? 0) + (x.kind === 'invoice' ? x.subtotal : -x.subtotal));
    expect(d.topCustomers.map((c) => [c.organizationId, c.revenue])).toEqual([...byCustomer].sort((a, b) => b[1] - a[1]));
  });

  it('gives the MRR change in 30 days as the MRR now less the MRR 30 days before', async () => {
    const subs = await w.db.select().from(subscriptions).where(and(eq(subscriptions.tenantId, acme().id), eq(subscriptions.currency, 'USD'), eq(subscriptions.status, 'active')));
    const [a, b, c] = subs as [Sub, Sub, Sub];
    const daysAgo = (n: number) => new Date(NOW.getTime() - n * 86_400_000);
    const set = (s: Sub, v: Partial<Sub>) => w.db.update(subscriptions).set(v).where(and(eq(subscriptions.tenantId, s.tenantId), eq(subscriptions.id, s.id)));
    try {
      // a: bought two months ago, still running. b: bought then, cancelled ten days ago.
      // c: bought twenty days ago and cancelled five days ago: in neither figure.
      await set(a, { createdAt: daysAgo(60) });
      await set(b, { createdAt: daysAgo(60), status: 'cancelled', cancelledAt: daysAgo(10) });
      await set(c, { createdAt: daysAgo(20), status: 'cancelled', cancelledAt: daysAgo(5) });
      const d = await withTenant(w.app.db, acme().id, (db) => loadDashboard(db, [acme().id], 'USD', NOW));
      const mrrOf = (list: Sub[]) => list.filter((s) => s.billingPeriod === 'month').reduce((t, s) => t + s.unitPrice * s.seats, 0) + Math.round(list.filter((s) => s.billingPeriod === 'year').reduce((t, s) => t + s.unitPrice * s.seats, 0) / 12);
      // Counted from the subscriptions' dates: running now, and running 30 days before.
      expect(d.mrr).toBe(mrrOf([a]));
      const before = mrrOf([a, b]);
      expect(d.mrrStarted - d.mrrEnded).toBe(d.mrr - before);
      expect(d.mrrStarted).toBe(0);
      expect(d.mrrEnded).toBe(mrrOf([b]));
    } finally {
      for (const s of [a, b, c]) await set(s, { createdAt: s.createdAt, status: s.status, cancelledAt: s.cancelledAt });
    }
  });

  it('gives the distributor the same figures across its resellers, and a reseller only its own', async () => {
    const resellers = (await w.db.select({ id: tenants.id }).from(tenants).where(eq(tenants.parentId, w.tenants.northwind.id))).map((r) => r.id);
    const all = await asDistributor(w.app.db, w.tenants.northwind, (db) => loadDashboard(db, resellers, 'USD', NOW));
    expect(all.months).toEqual(await expectedMonths(resellers));
    const one = await asDistributor(w.app.db, w.tenants.northwind, (db) => loadDashboard(db, [acme().id], 'USD', NOW));
    expect(one.months).toEqual(await expectedMonths([acme().id]));
    if (driverName !== 'pglite') {
      // Row-level security: a reseller asking for another storefront's figures gets none.
      const leaked = await withTenant(w.app.db, w.tenants.globex.id, (db) => loadDashboard(db, [acme().id], 'USD', NOW));
      expect(leaked.months.every((m) => m.revenue === 0)).toBe(true);
      expect(leaked.mrr).toBe(0);
    }
  });
});
