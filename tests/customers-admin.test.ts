import { randomBytes } from 'node:crypto';
import { and, desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { withTenant } from '@/lib/db/tenant';
import { contractPrices, invitations, mailOutbox, orderLines, orders, organizations, planPrices, plans, subscriptions } from '@/lib/db/schema';
import { completeLine } from '@/lib/orders/provision';
import { priceItems } from '@/lib/orders/pricing';
import { loadPricingContext } from '@/lib/pricing/offer';
import { customerCsvBatches, listCustomers, parseCustomerFilter } from '@/lib/reporting/customers';
import { driverName } from './helpers/db';
import { createWorld, type World } from './helpers/world';

/** The reseller portal's customers: the list with balances, contract prices, inviting a first admin. */

let w: World;
let contoso: string;
let basic: string;

const acme = () => w.tenants.acme;
const scoped = <T>(fn: Parameters<typeof withTenant<T>>[2]) => withTenant(w.app.db, acme().id, fn);

async function post(path: string, email: string, body: Record<string, string>, tenant = acme()) {
  const route = (await import(`@/app/api/admin/customers/${path}/route`)) as { POST: (r: Request) => Promise<Response> };
  const response = await route.POST(w.request(tenant, `/api/admin/customers/${path}`, { cookie: await w.cookieFor(tenant, email), body }));
  return { status: response.status, body: (await response.json()) as { error?: { code: string; message: string; details?: string[] } } };
}

/** What the price engine charges Contoso for one seat of a plan (as its cart and checkout do). */
async function cartUnitPrice(planId: string) {
  return scoped(async (db) => {
    const [item] = await priceItems(db, (await loadPricingContext(db, acme()))!, [{ planId, seats: 1 }], 'USD', contoso);
    return item!.waterfall.sell;
  });
}

beforeAll(async () => {
  w = await createWorld();
  // Orders on account queue their provisioning; nothing here needs it to run.
  await w.startJobs({ workers: false });
  contoso = await w.orgId(acme(), 'Contoso Ltd');
  [{ id: basic }] = (await w.db.select({ id: plans.id }).from(plans).where(eq(plans.sku, 'MS-M365-BASIC-M'))) as [{ id: string }];
}, 60_000);
afterAll(async () => w?.drop());
beforeEach(() => w.install());

describe(`customers in the portal (${driverName})`, () => {
  it('lists and searches customers with their open balance on account and active subscriptions', async () => {
    const all = await scoped((db) => listCustomers(db, acme().id, {}, 1));
    expect(all.rows.map((r) => r.name)).toEqual([...all.rows.map((r) => r.name)].sort((a, b) => a.localeCompare(b)));
    expect(all.rows.map((r) => r.name)).toContain('Contoso Ltd');
    // Another storefront's customers are not Acme's.
    expect(all.rows.map((r) => r.name)).not.toContain('Initrode GmbH');
    const found = await scoped((db) => listCustomers(db, acme().id, parseCustomerFilter({ q: 'CONTO' }).filter, 1));
    expect(found.rows.map((r) => r.name)).toEqual(['Contoso Ltd']);
    expect((await scoped((db) => listCustomers(db, acme().id, { q: '%' }, 1))).total).toBe(0);
    expect(parseCustomerFilter({ onAccount: 'maybe' }).problems).toEqual(['onAccount: must be yes or no']);

    // An order on account is owed until it is paid: the balance is the sum of those orders.
    const cookie = await w.cookieFor(acme(), 'anna@contoso.test');
    const { POST: add } = await import('@/app/api/cart/route');
    await add(w.request(acme(), '/api/cart', { cookie, body: { planId: basic, seats: 2 } }));
    const { POST: checkout } = await import('@/app/api/checkout/route');
    expect((await checkout(w.request(acme(), '/api/checkout', { cookie, body: { organizationId: contoso, paymentMethod: 'on_account', idempotencyKey: randomBytes(12).toString('hex'), locale: 'en' } }))).status).toBe(200);
    // Its line provisioned: Contoso has a subscription. A second order's, cancelled since, counts for nothing.
    const provisionLatest = async () => {
      const [placed] = await w.db.select().from(orders).where(eq(orders.organizationId, contoso)).orderBy(desc(orders.createdAt), desc(orders.number)).limit(1);
      const [line] = await w.db.select().from(orderLines).where(eq(orderLines.orderId, placed!.id));
      await scoped((db) => completeLine(db, line!, placed!, `ext-${line!.id}`, new Date()));
      return line!.id;
    };
    await provisionLatest();
    await add(w.request(acme(), '/api/cart', { cookie, body: { planId: basic, seats: 1 } }));
    expect((await checkout(w.request(acme(), '/api/checkout', { cookie, body: { organizationId: contoso, paymentMethod: 'on_account', idempotencyKey: randomBytes(12).toString('hex'), locale: 'en' } }))).status).toBe(200);
    await w.db.update(subscriptions).set({ status: 'cancelled' }).where(eq(subscriptions.orderLineId, await provisionLatest()));
    const owed = (await w.db.select({ total: orders.total, paidAt: orders.paidAt }).from(orders).where(and(eq(orders.organizationId, contoso), eq(orders.paymentMethod, 'on_account'))))
      .filter((o) => !o.paidAt)
      .reduce((sum, o) => sum + o.total, 0);
    expect(owed).toBeGreaterThan(0);
    const [row] = (await scoped((db) => listCustomers(db, acme().id, { q: 'Contoso' }, 1))).rows;
    expect(row!.balance).toBe(owed);

    const records: (string | number | null)[][] = [];
    for await (const batch of customerCsvBatches((fn) => scoped(fn), acme().id, { onAccount: 'yes' }, 2)) records.push(...batch);
    expect(records.map((r) => r[0])).toEqual(all.rows.filter((r) => r.onAccount).map((r) => r.name));
    const csvContoso = records.find((r) => r[0] === 'Contoso Ltd')!;
    expect(csvContoso[6]).toBe((owed / 100).toFixed(2));
    // Active subscriptions, counted from the subscriptions themselves: Contoso has some (the demo
    // seed's), and the list and the CSV say how many.
    const active = (await w.db.select({ status: subscriptions.status }).from(subscriptions).where(eq(subscriptions.organizationId, contoso))).filter((s) => s.status === 'active').length;
    expect(active).toBeGreaterThan(0);
    expect(row!.subscriptions).toBe(active);
    expect(csvContoso[7]).toBe(active);
  });

  it('sets a contract price the cart honours, refuses one below cost, and removes it', async () => {
    const [price] = await w.db.select().from(planPrices).where(and(eq(planPrices.planId, basic), eq(planPrices.currency, 'USD')));
    // Acme is Gold: 20 % off wholesale is its cost.
    const cost = price!.wholesale - Math.floor((price!.wholesale * 2000) / 10_000);
    const list = await cartUnitPrice(basic);
    expect(list).toBeGreaterThan(cost);
    const decimal = (n: number) => (n / 100).toFixed(2);

    expect((await post('contract-prices', 'admin@acme.test', { organizationId: contoso, planSku: 'ms-m365-basic-m', currency: 'USD', amount: decimal(cost + 1) })).status).toBe(200);
    expect(await cartUnitPrice(basic)).toBe(cost + 1);

    const below = await post('contract-prices', 'admin@acme.test', { organizationId: contoso, planSku: 'MS-M365-BASIC-M', currency: 'USD', amount: decimal(cost - 1) });
    expect(below.status).toBe(422);
    expect(below.body.error!.message).toContain(`under your cost of ${decimal(cost)}`);
    expect((await post('contract-prices', 'admin@acme.test', { organizationId: contoso, planSku: 'NO-SUCH-PLAN', currency: 'USD', amount: '1.00' })).status).toBe(404);
    expect((await post('contract-prices', 'admin@acme.test', { organizationId: contoso, planSku: 'MS-M365-BASIC-M', currency: 'USD', amount: '1,5' })).status).toBe(422);
    expect((await post('contract-prices', 'admin@acme.test', { organizationId: contoso, planSku: 'MS-M365-BASIC-M', currency: 'GBP', amount: '9.00' })).status).toBe(422);
    // Globex's admin cannot touch Acme's customer; Acme's staff do not set prices.
    expect((await post('contract-prices', 'admin@globex.test', { organizationId: contoso, planSku: 'MS-M365-BASIC-M', currency: 'USD', amount: '99.00' }, w.tenants.globex)).status).toBe(404);
    expect((await post('contract-prices', 'staff@acme.test', { organizationId: contoso, planSku: 'MS-M365-BASIC-M', currency: 'USD', amount: '99.00' })).status).toBe(403);
    expect((await w.db.select().from(contractPrices).where(eq(contractPrices.organizationId, contoso))).map((c) => c.amount)).toEqual([cost + 1]);

    expect((await post('contract-prices', 'admin@acme.test', { organizationId: contoso, planSku: 'MS-M365-BASIC-M', currency: 'USD', amount: '' })).status).toBe(200);
    expect(await w.db.$count(contractPrices, eq(contractPrices.organizationId, contoso))).toBe(0);
    expect(await cartUnitPrice(basic)).toBe(list);
  });

  it('invites a new customer’s first admin, who gets the invitation mail', async () => {
    const [org] = await w.db.insert(organizations).values({ tenantId: acme().id, name: 'Woodgrove Bank', country: 'US', billingEmail: 'ap@woodgrove.test', currency: 'USD' }).returning();
    const sent = await post('invite', 'admin@acme.test', { organizationId: org!.id, email: 'Olivia@Woodgrove.test', role: 'customer_admin' });
    expect(sent.status).toBe(200);
    const [invitation] = await w.db.select().from(invitations).where(eq(invitations.email, 'olivia@woodgrove.test'));
    expect(invitation).toMatchObject({ tenantId: acme().id, organizationId: org!.id, role: 'customer_admin' });
    expect(await w.db.$count(mailOutbox, and(eq(mailOutbox.tenantId, acme().id), eq(mailOutbox.to, 'olivia@woodgrove.test')))).toBe(1);
    expect((await post('invite', 'admin@acme.test', { organizationId: org!.id, email: 'not-an-address' })).status).toBe(422);
    expect((await post('invite', 'admin@globex.test', { organizationId: org!.id, email: 'x@woodgrove.test' }, w.tenants.globex)).status).toBe(404);
    expect((await post('invite', 'anna@contoso.test', { organizationId: org!.id, email: 'x@woodgrove.test' })).status).toBe(403);
  });
});
