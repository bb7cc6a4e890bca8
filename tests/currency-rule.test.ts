import { randomBytes } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { orderLines, orders, planPrices, plans, users } from '@/lib/db/schema';
import { shownCurrency } from '@/lib/pricing/currency';
import { driverName } from './helpers/db';
import { createWorld, type World } from './helpers/world';

describe('the one currency rule', () => {
  const acme = { currencies: ['USD', 'EUR'], defaultCurrency: 'USD' };
  const cases: [string, string | null, string | null, string][] = [
    ['the visitor’s choice wins over its organisation’s', 'EUR', 'USD', 'EUR'],
    ['no choice: the organisation’s', null, 'EUR', 'EUR'],
    ['neither: the storefront’s default', null, null, 'USD'],
    ['a choice the storefront does not sell in is ignored', 'GBP', 'EUR', 'EUR'],
    ['an organisation’s currency the storefront dropped: the default', null, 'GBP', 'USD'],
  ];
  for (const [name, chosen, org, shown] of cases) it(name, () => expect(shownCurrency(acme, chosen, org)).toBe(shown));
});

let w: World;
let basic: string;
beforeAll(async () => {
  w = await createWorld();
  await w.startJobs();
  [{ id: basic }] = (await w.db.select({ id: plans.id }).from(plans).where(eq(plans.sku, 'MS-M365-BASIC-M'))) as [{ id: string }];
}, 60_000);
afterAll(async () => w?.drop());
beforeEach(() => w.install());

describe(`the order follows the currency shown (${driverName})`, () => {
  it('a USD customer that chose euros buys in euros; on account (its limit is in dollars) is not offered for it', async () => {
    const anna = await w.cookieFor(w.tenants.acme, 'anna@contoso.test');
    const contoso = await w.orgId(w.tenants.acme, 'Contoso Ltd');
    const { POST: add } = await import('@/app/api/cart/route');
    const { POST: checkout } = await import('@/app/api/checkout/route');
    await add(w.request(w.tenants.acme, '/api/cart', { cookie: anna, body: { planId: basic, seats: 2 } }));
    const body = { organizationId: contoso, idempotencyKey: randomBytes(12).toString('hex'), locale: 'en', currency: 'EUR' };
    const onAccount = await checkout(w.request(w.tenants.acme, '/api/checkout', { cookie: anna, body: { ...body, paymentMethod: 'on_account' } }));
    expect(onAccount.status).toBe(409);
    expect(await onAccount.json()).toMatchObject({ error: { code: 'payment_unavailable', values: { methods: ['bank_transfer'] } } });
    const placed = await checkout(w.request(w.tenants.acme, '/api/checkout', { cookie: anna, body: { ...body, idempotencyKey: randomBytes(12).toString('hex'), paymentMethod: 'bank_transfer' } }));
    expect(placed.status).toBe(200);
    const { data } = (await placed.json()) as { data: { orderId: string } };
    const [order] = await w.db.select().from(orders).where(eq(orders.id, data.orderId));
    expect(order!.currency).toBe('EUR');
    const [line] = await w.db.select().from(orderLines).where(eq(orderLines.orderId, data.orderId));
    const [price] = await w.db.select().from(planPrices).where(and(eq(planPrices.planId, basic), eq(planPrices.currency, 'EUR')));
    expect(line!.unitWholesale).toBe(price!.wholesale);
  });

  it('a new organisation makes the pages show its currency, unless the visitor chose one', async () => {
    const { POST } = await import('@/app/api/account/organizations/route');
    const org = (name: string) => ({ name, country: 'DE', billingEmail: 'ap@example.test', street: 'Hauptstraße 1', city: 'Köln', currency: 'EUR' });
    for (const [email, chosen, expected] of [['euro@example.test', '', 'cf_currency=EUR'], ['dollar@example.test', '; cf_currency=USD', null]] as const) {
      await w.db.insert(users).values({ tenantId: w.tenants.acme.id, email }).onConflictDoNothing();
      const cookie = `${await w.cookieFor(w.tenants.acme, email)}${chosen}`;
      const response = await POST(w.request(w.tenants.acme, '/api/account/organizations', { cookie, body: org(`Org of ${email}`) }));
      expect(response.status).toBe(200);
      const set = response.headers.getSetCookie().find((c) => c.startsWith('cf_currency='));
      if (expected) expect(set).toMatch(new RegExp(`^${expected}; Path=/`));
      else expect(set).toBeUndefined();
    }
  });

  it('a currency the storefront does not sell in is refused, naming the field', async () => {
    const anna = await w.cookieFor(w.tenants.acme, 'anna@contoso.test');
    const contoso = await w.orgId(w.tenants.acme, 'Contoso Ltd');
    const { POST: add } = await import('@/app/api/cart/route');
    const { POST: checkout } = await import('@/app/api/checkout/route');
    await add(w.request(w.tenants.acme, '/api/cart', { cookie: anna, body: { planId: basic, seats: 1 } }));
    const response = await checkout(w.request(w.tenants.acme, '/api/checkout', { cookie: anna, body: { organizationId: contoso, idempotencyKey: randomBytes(12).toString('hex'), paymentMethod: 'on_account', currency: 'GBP' } }));
    expect(response.status).toBe(422);
    expect(JSON.stringify(await response.json())).toContain('currency: one of USD, EUR');
  });
});
