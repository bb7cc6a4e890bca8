import { randomBytes, randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { carts, invoices, memberships, orderEvents, orderLines, orders, organizations, planPrices, plans, products, subscriptions, users } from '@/lib/db/schema';
import { withTenant } from '@/lib/db/tenant';
import { pricingContextOf } from '@/lib/orders/pricing-inputs';
import { orderDetail } from '@/lib/orders/queries';
import { setMarkupRule } from '@/lib/pricing/markups';
import { driverName } from './helpers/db';
import { waitFor } from './helpers/wait';
import { createWorld, type World } from './helpers/world';

let w: World;
let anna: string;
let fay: string;
let ida: string;
let contoso: string;
let planBasic: string;
let planGoogle: string;

beforeAll(async () => {
  w = await createWorld();
  await w.startJobs();
  anna = await w.cookieFor(w.tenants.acme, 'anna@contoso.test');
  fay = await w.cookieFor(w.tenants.acme, 'fay@fabrikam.test');
  ida = await w.cookieFor(w.tenants.globex, 'ida@initrode.test');
  contoso = await w.orgId(w.tenants.acme, 'Contoso Ltd');
  const planOf = async (sku: string) => (await w.db.select().from(plans).where(eq(plans.sku, sku)))[0]!.id;
  planBasic = await planOf('MS-M365-BASIC-M');
  planGoogle = (await w.db.select({ id: plans.id }).from(plans).innerJoin(products, eq(products.id, plans.productId)).where(eq(products.slug, 'google-workspace-business-starter')))[0]!.id;
}, 60_000);
afterAll(async () => w?.drop());
beforeEach(() => w.install());

const key = () => randomBytes(12).toString('hex');

const ROUTES = {
  '/cart': () => import('@/app/api/cart/route'),
  '/checkout': () => import('@/app/api/checkout/route'),
};

async function post(path: keyof typeof ROUTES, tenant: World['tenants']['acme'], cookie: string | undefined, body: object) {
  const { POST } = await ROUTES[path]();
  return POST(w.request(tenant, `/api${path}`, { cookie, body }));
}


const orderById = async (id: string) => (await w.db.select().from(orders).where(eq(orders.id, id)))[0]!;

describe(`buying on account (${driverName})`, () => {
  it('a customer admin orders two plans on account; both are provisioned and the order completes', async () => {
    expect((await post('/cart', w.tenants.acme, anna, { planId: planBasic, seats: 3 })).status).toBe(200);
    expect((await post('/cart', w.tenants.acme, anna, { planId: planGoogle, seats: 2 })).status).toBe(200);
    const response = await post('/checkout', w.tenants.acme, anna, { organizationId: contoso, paymentMethod: 'on_account', idempotencyKey: key(), locale: 'en' });
    expect(response.status).toBe(200);
    const { data } = (await response.json()) as { data: { orderId: string; number: number } };
    expect(data.number).toBeGreaterThan(0);
    const order = await waitFor(() => orderById(data.orderId), (o) => o.state === 'completed');
    expect(order.state).toBe('completed');
    expect(order.currency).toBe('USD');
    const lines = await w.db.select().from(orderLines).where(eq(orderLines.orderId, order.id));
    expect(lines.map((l) => l.state)).toEqual(['provisioned', 'provisioned']);
    // Frozen prices: what the customer paid, what the reseller pays, what the distributor charges.
    for (const line of lines) {
      const [price] = await w.db.select().from(planPrices).where(and(eq(planPrices.planId, line.planId), eq(planPrices.currency, 'USD')));
      expect(line.unitWholesale).toBe(price!.wholesale);
      expect(line.unitCost).toBeLessThanOrEqual(line.unitWholesale);
      expect(line.unitPrice).toBeGreaterThanOrEqual(line.unitCost);
      expect(line.amount).toBe(line.unitPrice * line.seats);
    }
    expect(order.subtotal).toBe(lines.reduce((s, l) => s + l.amount, 0));
    expect(order.taxBasisPoints).toBe(800);
    expect(order.total).toBe(order.subtotal + order.tax);
    const subs = await w.db.select().from(subscriptions).where(eq(subscriptions.orderId, order.id));
    expect(subs.map((s) => s.seats).sort()).toEqual([2, 3]);
    expect(subs.every((s) => s.organizationId === contoso && s.externalId.startsWith('demo_'))).toBe(true);
    const history = await w.db.select().from(orderEvents).where(eq(orderEvents.orderId, order.id));
    expect(history.map((e) => e.toState)).toEqual(expect.arrayContaining(['placed', 'provisioning', 'completed']));
  });

  it('50 concurrent submits with one idempotency key make one order', async () => {
    await post('/cart', w.tenants.acme, anna, { planId: planBasic, seats: 1 });
    const idem = key();
    const before = (await w.db.select().from(orders).where(eq(orders.tenantId, w.tenants.acme.id))).length;
    const responses = await Promise.all(
      Array.from({ length: 50 }, () => post('/checkout', w.tenants.acme, anna, { organizationId: contoso, paymentMethod: 'on_account', idempotencyKey: idem, locale: 'en' })),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(50).fill(200));
    const ids = new Set(await Promise.all(responses.map(async (r) => ((await r.json()) as { data: { orderId: string } }).data.orderId)));
    expect(ids.size).toBe(1);
    const after = await w.db.select().from(orders).where(eq(orders.tenantId, w.tenants.acme.id));
    expect(after.length).toBe(before + 1);
    expect(after.filter((o) => o.idempotencyKey === idem)).toHaveLength(1);
  }, 60_000);

  it('a customer over its credit limit is refused with the amounts, and nothing is ordered', async () => {
    const fabrikam = await w.orgId(w.tenants.acme, 'Fabrikam Inc');
    await post('/cart', w.tenants.acme, fay, { planId: planBasic, seats: 20 });
    const response = await post('/checkout', w.tenants.acme, fay, { organizationId: fabrikam, paymentMethod: 'on_account', idempotencyKey: key(), locale: 'en' });
    expect(response.status).toBe(409);
    const body = (await response.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('credit_limit');
    expect(body.error.message).toMatch(/over your credit limit.*\$50\.00/);
    expect(await w.db.select().from(orders).where(eq(orders.organizationId, fabrikam))).toHaveLength(0);
  });

  it('buyers of one organisation ordering at once cannot spend the same credit twice', async () => {
    // Fabrikam's limit is $50.00: room for one order of 4 Basic seats, not two.
    const fabrikam = await w.orgId(w.tenants.acme, 'Fabrikam Inc');
    const buyers = [fay];
    for (let i = 0; i < 11; i++) {
      const email = `buyer-${i}@fabrikam.test`;
      const [{ id }] = (await w.db.insert(users).values({ tenantId: w.tenants.acme.id, email, name: `Buyer ${i}` }).returning({ id: users.id })) as [{ id: string }];
      await w.db.insert(memberships).values({ tenantId: w.tenants.acme.id, userId: id, organizationId: fabrikam, role: 'customer_admin' });
      buyers.push(await w.cookieFor(w.tenants.acme, email));
    }
    await w.db.delete(carts).where(eq(carts.tenantId, w.tenants.acme.id)); // Fay's refused cart from before
    for (const buyer of buyers) expect((await post('/cart', w.tenants.acme, buyer, { planId: planBasic, seats: 4 })).status).toBe(200);
    const responses = await Promise.all(buyers.map((buyer) => post('/checkout', w.tenants.acme, buyer, { organizationId: fabrikam, paymentMethod: 'on_account', idempotencyKey: key(), locale: 'en' })));
    expect(responses.map((r) => r.status).sort()).toEqual([200, ...Array(11).fill(409)]);
    for (const refused of responses.filter((r) => r.status === 409)) {
      expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('credit_limit');
    }
    const placed = await w.db.select().from(orders).where(eq(orders.organizationId, fabrikam));
    expect(placed).toHaveLength(1);
    expect(placed[0]!.total).toBeLessThanOrEqual(5000);
  });

  it('customers of eight organisations ordering at once get the next order and invoice numbers, each once, and a refused order takes none', async () => {
    const acme = w.tenants.acme;
    const [contosoRow] = await w.db.select().from(organizations).where(eq(organizations.id, contoso));
    const { id: _id, name: _name, createdAt: _created, ...like } = contosoRow!;
    const buyers: { cookie: string; organizationId: string }[] = [];
    for (let i = 0; i < 8; i++) {
      // The last organisation's limit is below one order: it is refused, and must leave no gap.
      const [org] = await w.db.insert(organizations).values({ ...like, name: `Numbering ${i}`, onAccount: true, creditLimit: i === 7 ? 100 : 1_000_000 }).returning({ id: organizations.id });
      const email = `numbering-${i}@contoso.test`;
      const [{ id }] = (await w.db.insert(users).values({ tenantId: acme.id, email, name: `Numbering ${i}` }).returning({ id: users.id })) as [{ id: string }];
      await w.db.insert(memberships).values({ tenantId: acme.id, userId: id, organizationId: org!.id, role: 'customer_admin' });
      const cookie = await w.cookieFor(acme, email);
      expect((await post('/cart', acme, cookie, { planId: planBasic, seats: 2 })).status).toBe(200);
      buyers.push({ cookie, organizationId: org!.id });
    }
    const numbersOf = async () => {
      const placed = await w.db.select({ number: orders.number }).from(orders).where(eq(orders.tenantId, acme.id));
      const issued = await w.db.select({ number: invoices.number }).from(invoices).where(and(eq(invoices.tenantId, acme.id), eq(invoices.kind, 'invoice')));
      return { orders: placed.map((o) => o.number), invoices: issued.map((i) => i.number) };
    };
    const before = await numbersOf();
    const responses = await Promise.all(buyers.map((b) => post('/checkout', acme, b.cookie, { organizationId: b.organizationId, paymentMethod: 'on_account', idempotencyKey: key(), locale: 'en' })));
    expect(responses.map((r) => r.status)).toEqual([...Array(7).fill(200), 409]);
    const after = await numbersOf();
    const next = (taken: number[], n: number) => Array.from({ length: n }, (_, i) => Math.max(0, ...taken) + 1 + i);
    const added = (all: number[], old: number[]) => all.filter((n) => !old.includes(n)).sort((a, b) => a - b);
    expect(added(after.orders, before.orders)).toEqual(next(before.orders, 7));
    expect(added(after.invoices, before.invoices)).toEqual(next(before.invoices, 7));
    expect(new Set(after.orders).size).toBe(after.orders.length);
    expect(new Set(after.invoices).size).toBe(after.invoices.length);
    // Each order's invoice is its own: same organisation, same total.
    for (const response of responses.slice(0, 7)) {
      const { data } = (await response.json()) as { data: { orderId: string } };
      const order = await orderById(data.orderId);
      const [invoice] = await w.db.select().from(invoices).where(eq(invoices.orderId, order.id));
      expect(invoice).toMatchObject({ organizationId: order.organizationId, total: order.total, status: 'open' });
    }
  });

  it('the cart page’s remembered pricing inputs are forgotten the moment a markup changes', async () => {
    const acme = w.tenants.acme;
    const allRule = async () => {
      const ctx = await withTenant(w.db, acme.id, (tx) => pricingContextOf(tx, acme));
      return ctx?.kind === 'reseller' ? ctx.rules.find((r) => r.scope === 'all')?.basisPoints : undefined;
    };
    const before = await allRule();
    expect(before).toBeDefined();
    // Remembered: the same object comes back without a read.
    expect(await withTenant(w.db, acme.id, (tx) => pricingContextOf(tx, acme))).toBe(await withTenant(w.db, acme.id, (tx) => pricingContextOf(tx, acme)));
    await withTenant(w.db, acme.id, (tx) => setMarkupRule(tx, acme, { scope: 'all', kind: 'percent', basisPoints: before! + 500 }));
    try {
      expect(await allRule()).toBe(before! + 500);
    } finally {
      await withTenant(w.db, acme.id, (tx) => setMarkupRule(tx, acme, { scope: 'all', kind: 'percent', basisPoints: before! }));
    }
    expect(await allRule()).toBe(before);
  });

  it('on account needs the reseller to have enabled it for the organisation', async () => {
    await w.db.update(organizations).set({ onAccount: false }).where(eq(organizations.id, contoso));
    try {
      await post('/cart', w.tenants.acme, anna, { planId: planBasic, seats: 1 });
      const response = await post('/checkout', w.tenants.acme, anna, { organizationId: contoso, paymentMethod: 'on_account', idempotencyKey: key(), locale: 'en' });
      expect(response.status).toBe(409);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe('payment_unavailable');
    } finally {
      await w.db.update(organizations).set({ onAccount: true }).where(eq(organizations.id, contoso));
    }
  });

  it('a plan the storefront does not sell is not found; seats outside the plan are refused', async () => {
    expect((await post('/cart', w.tenants.acme, anna, { planId: randomUUID(), seats: 1 })).status).toBe(404);
    expect((await post('/cart', w.tenants.acme, anna, { planId: planBasic, seats: 0 })).status).toBe(422);
    const response = await post('/cart', w.tenants.acme, anna, { planId: planBasic, seats: 301 });
    expect(response.status).toBe(422);
    expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(/between 1 and 300 seats/);
  });

  it('a price sent by the browser is ignored: the order carries the storefront’s own price', async () => {
    await post('/cart', w.tenants.acme, anna, { planId: planBasic, seats: 1, unitPrice: 1, price: 1 });
    const response = await post('/checkout', w.tenants.acme, anna, { organizationId: contoso, paymentMethod: 'on_account', idempotencyKey: key(), locale: 'en', total: 1 });
    const { data } = (await response.json()) as { data: { orderId: string } };
    const [line] = await w.db.select().from(orderLines).where(eq(orderLines.orderId, data.orderId));
    expect(line!.unitPrice).toBeGreaterThan(100);
  });

  it('Globex’s customer cannot order for Acme’s organisation, and Acme’s orders are invisible to Globex', async () => {
    const response = await post('/checkout', w.tenants.globex, ida, { organizationId: contoso, paymentMethod: 'on_account', idempotencyKey: key(), locale: 'de' });
    expect(response.status).toBe(404);
    const [acmeOrder] = await w.db.select().from(orders).where(eq(orders.organizationId, contoso)).limit(1);
    expect(await withTenant(w.app.db, w.tenants.globex.id, (tx) => orderDetail(tx, w.tenants.globex.id, acmeOrder!.id))).toBeNull();
    expect(await withTenant(w.app.db, w.tenants.acme.id, (tx) => orderDetail(tx, w.tenants.acme.id, acmeOrder!.id))).not.toBeNull();
  });
});
