import { randomBytes } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { cartItems, carts, invitations, invoiceLines, invoices, mailOutbox, partnerTiers, memberships, orderLines, orders, organizations, plans, resellerOffers, subscriptions, tenants, users } from '@/lib/db/schema';
import { storefrontConnector } from '@/lib/reselling/connector';
import { renewDue } from '@/lib/subscriptions/renewals';
import { findTenantBySlug } from '@/lib/tenancy/repo';
import { driverName } from './helpers/db';
import { waitFor } from './helpers/wait';
import { createWorld, type World } from './helpers/world';

/**
 * Reseller plans as subscriptions, on the distributor's storefront (the root host): a reseller
 * company buys its storefront, upgrades, cancels and comes back; the slug is checked before any
 * payment and is one storefront however often or concurrently it is bought; resale needs a
 * licensee; the distributor runs all of it from its console too.
 */

let w: World;
let nina: string;
let nora: string;
let lee: string;
let newco: string;
let litware: string;
const plan: Record<string, string> = {};
const key = () => randomBytes(12).toString('hex');

const ROUTES = {
  cart: () => import('@/app/api/cart/route'),
  checkout: () => import('@/app/api/checkout/route'),
  plan: () => import('@/app/api/account/subscriptions/plan/route'),
  cancel: () => import('@/app/api/account/subscriptions/cancel/route'),
  licensees: () => import('@/app/api/account/licensees/route'),
  create: () => import('@/app/api/admin/resellers/create/route'),
  update: () => import('@/app/api/admin/resellers/update/route'),
  suspend: () => import('@/app/api/admin/resellers/suspend/route'),
  activate: () => import('@/app/api/admin/resellers/plan/route'),
  apiKeys: () => import('@/app/api/admin/api-keys/route'),
};
const PATHS: Record<keyof typeof ROUTES, string> = {
  cart: '/api/cart',
  checkout: '/api/checkout',
  plan: '/api/account/subscriptions/plan',
  cancel: '/api/account/subscriptions/cancel',
  licensees: '/api/account/licensees',
  create: '/api/admin/resellers/create',
  update: '/api/admin/resellers/update',
  suspend: '/api/admin/resellers/suspend',
  activate: '/api/admin/resellers/plan',
  apiKeys: '/api/admin/api-keys',
};

type Answer = { status: number; body: { data?: Record<string, string>; error?: { code: string; message: string; details?: string[] } } };

async function post(route: keyof typeof ROUTES, cookie: string, body: object, tenant = w.tenants.northwind): Promise<Answer> {
  const { POST } = await ROUTES[route]();
  const response = await POST(w.request(tenant, PATHS[route], { cookie, body }));
  return { status: response.status, body: (await response.json()) as Answer['body'] };
}

const storefront = (slug: string, extra: object = {}) => ({ slug, theme: 'studio', languages: ['en', 'de'], defaultLanguage: 'en', currency: 'EUR', ...extra });

/** Puts one plan in the person's cart (emptied first) and checks out on account. */
async function checkout(cookie: string, organizationId: string, planId: string, extra: object = {}) {
  await clearCarts();
  expect((await post('cart', cookie, { planId, seats: 1 })).status).toBe(200);
  return post('checkout', cookie, { organizationId, paymentMethod: 'on_account', idempotencyKey: key(), locale: 'en', ...extra });
}
async function clearCarts() {
  await w.db.delete(carts).where(eq(carts.tenantId, w.tenants.northwind.id));
}

/**
 * Newco's active storefront subscription. The storefront opens (the connector) a moment before the
 * provisioning job records the subscription, so a test that saw the storefront waits for it too.
 */
async function newcoStorefrontSubscription() {
  const read = async () =>
    (await w.db.select().from(subscriptions).where(and(eq(subscriptions.tenantId, w.tenants.northwind.id), eq(subscriptions.organizationId, newco), eq(subscriptions.status, 'active'))))[0];
  const sub = await waitFor(read, (s) => !!s);
  expect(sub, 'Newco has an active storefront subscription').toBeDefined();
  return sub!;
}

const orderCount = async () => (await w.db.select({ n: sql<number>`count(*)::int` }).from(orders).where(eq(orders.tenantId, w.tenants.northwind.id)))[0]!.n;
const tenantOf = (slug: string) => findTenantBySlug(w.db, slug);
const waitPlan = (slug: string, want: string) => waitFor(() => tenantOf(slug), (t) => t?.plan === want);

beforeAll(async () => {
  w = await createWorld();
  await w.startJobs();
  const root = w.tenants.northwind;
  nina = await w.cookieFor(root, 'nina@newco.test');
  nora = await w.cookieFor(root, 'admin@northwind.test');
  lee = await w.cookieFor(root, 'lee@litware.test');
  newco = await w.orgId(root, 'Newco Ltd');
  litware = await w.orgId(root, 'Litware Inc');
  for (const sku of ['CF-STORE-FREE-M', 'CF-STORE-STD-M', 'CF-STORE-FREE-Y', 'KP-BUS-M', 'MS-M365-BASIC-M']) {
    const [row] = await w.db.select({ id: plans.id }).from(plans).where(and(eq(plans.tenantId, root.id), eq(plans.sku, sku)));
    plan[sku] = row!.id;
  }
}, 60_000);
afterAll(async () => {
  await w?.drop();
});
beforeEach(() => w.install());

describe(`reseller plans as subscriptions (${driverName})`, () => {
  it('refuses a bad, reserved or taken address, and a company without reselling, before any order exists', async () => {
    const before = await orderCount();
    for (const [slug, code] of [['No Spaces!', 'invalid_slug'], ['ab', 'invalid_slug'], ['www', 'invalid_slug'], ['acme', 'slug_taken']] as const) {
      const answer = await checkout(nina, newco, plan['CF-STORE-FREE-M']!, { storefront: storefront(slug) });
      expect(answer.status, slug).toBeGreaterThanOrEqual(400);
      expect(answer.body.error?.code, slug).toBe(code);
    }
    const missing = await checkout(nina, newco, plan['CF-STORE-FREE-M']!);
    expect(missing.status).toBe(422);
    const direct = await checkout(lee, litware, plan['CF-STORE-FREE-M']!, { storefront: storefront('litware') });
    expect(direct.status).toBe(403);
    expect(direct.body.error?.code).toBe('reselling_required');
    expect(direct.body.error?.message).toMatch(/reseller/);
    expect(await orderCount()).toBe(before);
    expect(await tenantOf('litware')).toBeNull();
  });

  it('buys Free: the storefront opens with the chosen theme and languages, its admins are reseller admins, and they are welcomed', async () => {
    const placed = await checkout(nina, newco, plan['CF-STORE-FREE-M']!, { storefront: storefront('newco') });
    expect(placed.status, JSON.stringify(placed.body)).toBe(200);
    // Nothing to pay: the order goes straight to provisioning, and its invoice of 0 is paid.
    const [freeInvoice] = await w.db.select().from(invoices).where(eq(invoices.orderId, placed.body.data!.orderId!));
    expect(freeInvoice).toMatchObject({ total: 0, status: 'paid' });
    const tenant = await waitPlan('newco', 'free');
    expect(tenant).toMatchObject({ kind: 'reseller', plan: 'free', status: 'active', theme: 'studio', locales: ['en', 'de'], defaultCurrency: 'EUR', parentId: w.tenants.northwind.id });
    const [org] = await w.db.select().from(organizations).where(eq(organizations.id, newco));
    expect(org!.resellerTenantId).toBe(tenant!.id);
    const admins = await w.db
      .select({ email: users.email, role: memberships.role })
      .from(memberships)
      .innerJoin(users, and(eq(users.tenantId, memberships.tenantId), eq(users.id, memberships.userId)))
      .where(eq(memberships.tenantId, tenant!.id));
    expect(admins).toEqual([{ email: 'nina@newco.test', role: 'reseller_admin' }]);
    const [offer] = await w.db.select().from(resellerOffers).where(eq(resellerOffers.tenantId, tenant!.id));
    expect(offer?.catalogTenantId).toBe(w.tenants.northwind.id);
    const mail = await waitFor(
      () => w.db.select().from(mailOutbox).where(and(eq(mailOutbox.tenantId, tenant!.id), eq(mailOutbox.to, 'nina@newco.test'))),
      (rows) => rows.length > 0,
    );
    expect(mail[0]!.subject).toMatch(/newco|Newco/);
    expect(mail[0]!.text).toContain('http://newco.localhost');
    expect(mail[0]!.text).toContain('callbackUrl=%2Fadmin');
  });

  it('a second storefront plan for the same company is refused; the connector run twice makes one tenant', async () => {
    const again = await checkout(nina, newco, plan['CF-STORE-FREE-M']!, { storefront: storefront('newco-two') });
    expect(again.body.error?.code).toBe('storefront_exists');
    // Acme's Standard was given before storefront plans were sold: buying Free would replace it.
    const ada = await w.cookieFor(w.tenants.northwind, 'admin@acme.test');
    const acme = await checkout(ada, await w.orgId(w.tenants.northwind, 'Acme Cloud Solutions'), plan['CF-STORE-FREE-M']!);
    expect(acme.body.error?.code).toBe('storefront_exists');
    expect((await tenantOf('acme'))!.plan).toBe('standard');
    const [line] = await w.db.select().from(orderLines).where(and(eq(orderLines.tenantId, w.tenants.northwind.id), eq(orderLines.sku, 'CF-STORE-FREE-M')));
    const connector = storefrontConnector({ db: w.app.db });
    const request = {
      idempotencyKey: `line_${line!.id}`,
      tenantId: w.tenants.northwind.id,
      orderNumber: 1,
      sku: 'CF-STORE-FREE-M',
      productName: 'Your own storefront',
      seats: 1,
      billingPeriod: 'month' as const,
      termMonths: 1,
      customer: { id: newco, name: 'Newco Ltd', country: 'NL', email: 'nina@newco.test' },
      url: null,
      storefront: line!.storefront,
    };
    const [a, b] = await Promise.all([connector.provision(request), connector.provision(request)]);
    const tenant = await tenantOf('newco');
    expect(a).toEqual({ status: 'provisioned', externalId: tenant!.id });
    expect(b).toEqual(a);
    const rows = await w.db.select({ id: tenants.id }).from(tenants).where(sql`${tenants.slug} like 'newco%'`);
    expect(rows).toHaveLength(1);
  });

  it('upgrades Free → Standard at once, cancels back to Basic with nothing deleted, and re-subscribes as it was', async () => {
    const sub = await newcoStorefrontSubscription();
    const upgraded = await post('plan', nina, { subscriptionId: sub!.id, planId: plan['CF-STORE-STD-M'], idempotencyKey: key(), locale: 'en' });
    expect(upgraded.status, JSON.stringify(upgraded.body)).toBe(200);
    await waitPlan('newco', 'standard');
    const standard = (await tenantOf('newco'))!;
    const created = await post('apiKeys', await w.cookieFor(standard, 'nina@newco.test'), { name: 'ERP' }, standard);
    expect(created.status).toBe(200);
    expect(created.body.data?.token).toMatch(/^cf_/);

    const current = await waitFor(async () => (await w.db.select().from(subscriptions).where(eq(subscriptions.id, sub!.id)))[0]!, (s) => s.planId === plan['CF-STORE-STD-M']);
    expect(current.planId).toBe(plan['CF-STORE-STD-M']);
    const cancelled = await post('cancel', nina, { subscriptionId: sub!.id });
    expect(cancelled.status, JSON.stringify(cancelled.body)).toBe(200);
    await waitPlan('newco', 'basic');
    const basic = (await tenantOf('newco'))!;
    expect(basic).toMatchObject({ plan: 'basic', theme: 'studio', locales: ['en', 'de'] });
    // Back on Basic the portal reads only (service mode): no API key either (the key stays, unusable, until Standard is back).
    const refused = await post('apiKeys', await w.cookieFor(basic, 'nina@newco.test'), { name: 'Another' }, basic);
    expect(refused.status).toBe(403);
    expect(refused.body.error?.code).toBe('storefront_closed');

    const back = await checkout(nina, newco, plan['CF-STORE-FREE-M']!);
    expect(back.status, JSON.stringify(back.body)).toBe(200);
    expect(await waitPlan('newco', 'free')).toMatchObject({ plan: 'free', theme: 'studio', locales: ['en', 'de'] });
    expect(await w.db.select({ id: tenants.id }).from(tenants).where(eq(tenants.slug, 'newco'))).toHaveLength(1);
  });

  it('a Free storefront renews with nothing to charge: its renewal invoice is paid and the storefront stays', async () => {
    const sub = await newcoStorefrontSubscription();
    const later = new Date(sub!.currentPeriodEnd.getTime() + 60_000);
    await renewDue(w.app.db, { now: later, charge: async () => ({ ok: false, reason: 'no card should be charged' }) });
    const [renewed] = await w.db.select().from(subscriptions).where(eq(subscriptions.id, sub!.id));
    expect(renewed!.currentPeriodEnd.getTime()).toBeGreaterThan(sub!.currentPeriodEnd.getTime());
    const [invoice] = await w.db.select().from(invoices).where(and(eq(invoices.subscriptionId, sub!.id), sql`${invoices.orderId} is null`));
    expect(invoice).toMatchObject({ total: 0, status: 'paid' });
    expect((await tenantOf('newco'))!.plan).toBe('free');
  });

  it('two companies buying one address at the same time make one storefront', async () => {
    const companies: { id: string; cookie: string }[] = [];
    for (const name of ['Race One BV', 'Race Two BV']) {
      const email = `${name.split(' ')[1]!.toLowerCase()}@race.test`;
      const made = await post('create', nora, { name, country: 'NL', currency: 'EUR', admin: email, creditLimit: '1000' });
      expect(made.status, JSON.stringify(made.body)).toBe(200);
      const id = made.body.data!.organizationId!;
      const [user] = await w.db.insert(users).values({ tenantId: w.tenants.northwind.id, email, emailVerified: new Date() }).returning();
      await w.db.insert(memberships).values({ tenantId: w.tenants.northwind.id, userId: user!.id, organizationId: id, role: 'customer_admin' });
      companies.push({ id, cookie: await w.cookieFor(w.tenants.northwind, email) });
    }
    await clearCarts();
    for (const c of companies) expect((await post('cart', c.cookie, { planId: plan['CF-STORE-FREE-M'], seats: 1 })).status).toBe(200);
    const answers = await Promise.all(
      companies.map((c) => post('checkout', c.cookie, { organizationId: c.id, paymentMethod: 'on_account', idempotencyKey: key(), locale: 'en', storefront: storefront('samename') })),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    expect(answers.find((a) => a.status === 409)!.body.error?.code).toBe('slug_taken');
    await waitPlan('samename', 'free');
    expect(await w.db.select({ id: tenants.id }).from(tenants).where(eq(tenants.slug, 'samename'))).toHaveLength(1);
  });

  it('a resale-only product needs a licensee; the licensee is recorded on the line; direct customers cannot order for resale', async () => {
    const refused = await checkout(nina, newco, plan['KP-BUS-M']!);
    expect(refused.status).toBe(422);
    expect(refused.body.error?.code).toBe('licensee_required');
    const added = await post('licensees', nina, { organizationId: newco, name: 'Fourth Coffee', country: 'DE', contactEmail: 'it@fourthcoffee.test', taxId: 'DE123' });
    expect(added.status).toBe(200);
    const licensee = added.body.data!.id!;
    const placed = await checkout(nina, newco, plan['KP-BUS-M']!, { licensees: { [plan['KP-BUS-M']!]: licensee } });
    expect(placed.status, JSON.stringify(placed.body)).toBe(200);
    const [line] = await w.db.select().from(orderLines).where(eq(orderLines.orderId, placed.body.data!.orderId!));
    expect(line!.licensee).toMatchObject({ id: licensee, name: 'Fourth Coffee', country: 'DE' });
    // The invoice (issued with an order on account) names the licensee on the line.
    const [invoice] = await w.db.select().from(invoices).where(eq(invoices.orderId, placed.body.data!.orderId!));
    const [invoiceLine] = await w.db.select().from(invoiceLines).where(eq(invoiceLines.invoiceId, invoice!.id));
    expect(invoiceLine!.description.en).toContain('licensee: Fourth Coffee (DE)');
    expect(invoiceLine!.description.de).toContain('Lizenznehmer: Fourth Coffee (DE)');
    // Self-use of an ordinary product needs nothing.
    expect((await checkout(nina, newco, plan['MS-M365-BASIC-M']!, { licensees: { [plan['MS-M365-BASIC-M']!]: 'self' } })).status).toBe(200);
    // Another company's licensee is not found; a direct customer may not name one at all.
    const direct = await checkout(lee, litware, plan['KP-BUS-M']!, { licensees: { [plan['KP-BUS-M']!]: licensee } });
    expect(direct.body.error?.code).toBe('reselling_required');
    expect((await post('licensees', lee, { organizationId: litware, name: 'X Corp', country: 'US', contactEmail: 'x@x.test' })).body.error?.code).toBe('reselling_required');
    await clearCarts();
  });

  it('adding a storefront plan to the cart twice leaves one storefront in it', async () => {
    await clearCarts();
    for (let i = 0; i < 2; i++) expect((await post('cart', lee, { planId: plan['CF-STORE-STD-M'], seats: 1 })).status).toBe(200);
    const rows = await w.db.select({ seats: cartItems.seats }).from(cartItems).where(eq(cartItems.planId, plan['CF-STORE-STD-M']!));
    expect(rows).toEqual([{ seats: 1 }]);
    await clearCarts();
  });

  it('storefront plans are not for sale on a reseller storefront', async () => {
    const anna = await w.cookieFor(w.tenants.acme, 'anna@contoso.test');
    const answer = await post('cart', anna, { planId: plan['CF-STORE-FREE-M'], seats: 1 }, w.tenants.acme);
    expect(answer.status).toBe(404);
  });

  it('on a reseller storefront its customers buy resale-only products for themselves (that is the resale)', async () => {
    const anna = await w.cookieFor(w.tenants.acme, 'anna@contoso.test');
    const contoso = await w.orgId(w.tenants.acme, 'Contoso Ltd');
    expect((await post('cart', anna, { planId: plan['KP-BUS-M'], seats: 2 }, w.tenants.acme)).status).toBe(200);
    const placed = await post('checkout', anna, { organizationId: contoso, paymentMethod: 'on_account', idempotencyKey: key(), locale: 'en' }, w.tenants.acme);
    expect(placed.status, JSON.stringify(placed.body)).toBe(200);
    const [line] = await w.db.select().from(orderLines).where(and(eq(orderLines.tenantId, w.tenants.acme.id), eq(orderLines.orderId, placed.body.data!.orderId!)));
    expect(line!.licensee).toBeNull();
  });

  it('the console suspends and reinstates a company, sets its tier, and activates and cancels a plan without payment', async () => {
    const initech = await w.orgId(w.tenants.northwind, 'Initech Systems');
    const suspended = await post('suspend', nora, { organizationId: initech, suspended: 'true' });
    expect(suspended.status).toBe(200);
    expect((await tenantOf('initech'))!.status).toBe('suspended');
    const ian = await w.cookieFor(w.tenants.northwind, 'admin@initech.test');
    expect((await checkout(ian, initech, plan['MS-M365-BASIC-M']!)).body.error?.code).toBe('account_suspended');
    await post('suspend', nora, { organizationId: initech, suspended: 'false' });
    expect((await tenantOf('initech'))!.status).toBe('active');

    const [gold] = await w.db.select({ id: partnerTiers.id }).from(partnerTiers).where(and(eq(partnerTiers.tenantId, w.tenants.northwind.id), eq(partnerTiers.name, 'Gold')));
    expect((await post('update', nora, { organizationId: initech, resellingEnabled: 'true', tier: gold!.id })).status).toBe(200);
    const initechTenant = (await tenantOf('initech'))!;
    const [offer] = await w.db.select().from(resellerOffers).where(eq(resellerOffers.tenantId, initechTenant.id));
    expect(offer!.tierId).toBe(gold!.id);

    // Initech is on Basic with a storefront: the distributor gives it Free, then takes it away.
    const before = await orderCount();
    expect((await post('activate', nora, { organizationId: initech, planId: plan['CF-STORE-FREE-M'] })).status).toBe(200);
    await waitPlan('initech', 'free');
    // The subscription is recorded just after the storefront opens: cancel once it is there.
    await waitFor(
      async () => (await w.db.select().from(subscriptions).where(and(eq(subscriptions.organizationId, initech), eq(subscriptions.status, 'active'))))[0],
      (s) => !!s,
    );
    const [order] = await w.db.select().from(orders).where(and(eq(orders.tenantId, w.tenants.northwind.id), eq(orders.organizationId, initech))).orderBy(sql`${orders.number} desc`).limit(1);
    expect(order!.total).toBe(0);
    expect(await orderCount()).toBe(before + 1);
    expect((await post('activate', nora, { organizationId: initech, planId: 'none' })).status).toBe(200);
    await waitPlan('initech', 'basic');

    // A company created in the console whose admin has not signed in yet: its storefront invites them.
    const made = await post('create', nora, { name: 'Fresh Start BV', country: 'NL', currency: 'EUR', admin: 'fresh@start.test', slug: 'fresh-start' });
    expect(made.status, JSON.stringify(made.body)).toBe(200);
    expect((await post('activate', nora, { organizationId: made.body.data!.organizationId!, planId: plan['CF-STORE-FREE-M'] })).status).toBe(200);
    const fresh = (await waitPlan('fresh-start', 'free'))!;
    const [invitation] = await w.db.select().from(invitations).where(eq(invitations.tenantId, fresh.id));
    expect(invitation).toMatchObject({ email: 'fresh@start.test', role: 'reseller_admin', organizationId: null, acceptedAt: null });
    await waitFor(() => w.db.select().from(mailOutbox).where(and(eq(mailOutbox.tenantId, fresh.id), eq(mailOutbox.to, 'fresh@start.test'))), (rows) => rows.length > 0);

    // Only the distributor's admins run the console.
    expect((await post('suspend', nina, { organizationId: initech, suspended: 'true' })).status).toBe(403);
    // A company without reselling cannot be given a plan.
    expect((await post('activate', nora, { organizationId: litware, planId: plan['CF-STORE-FREE-M'], slug: 'litware' })).body.error?.code).toBe('reselling_required');
  });
});
