import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { setClock } from '@/lib/clock';
import { orderLines, orders, plans, subscriptions, tenants } from '@/lib/db/schema';
import { renewDue } from '@/lib/subscriptions/renewals';
import { findTenantBySlug } from '@/lib/tenancy/repo';
import { resolveHost } from '@/lib/tenancy/resolve';
import { driverName } from './helpers/db';
import { waitFor } from './helpers/wait';
import { createWorld, type World } from './helpers/world';

/**
 * A storefront back on Basic after its plan ended (service mode): its customers still sign in,
 * manage their subscriptions and see their invoices there; nothing new is sold, from the cart or
 * from a subscription; its portal reads only, but records payments. A Basic reseller that never
 * had a storefront still has none.
 */

let w: World;
let clock = new Date('2027-03-01T00:00:00Z');
let ida: string;
let gerd: string;
let initrode: string;
let planStd: string;
const key = () => randomBytes(12).toString('hex');

beforeAll(async () => {
  w = await createWorld();
  setClock(() => clock);
  await w.startJobs({ now: () => clock });
  ida = await w.cookieFor(w.tenants.globex, 'ida@initrode.test');
  gerd = await w.cookieFor(w.tenants.globex, 'admin@globex.test');
  initrode = await w.orgId(w.tenants.globex, 'Initrode GmbH');
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
  'account/subscriptions/auto-renew': () => import('@/app/api/account/subscriptions/auto-renew/route'),
  'admin/subscriptions/auto-renew': () => import('@/app/api/admin/subscriptions/auto-renew/route'),
  'admin/settings': () => import('@/app/api/admin/settings/route'),
};
type Answer = { status: number; body: { data?: { orderId?: string; notice?: string }; error?: { code: string; message: string } } };

async function post(route: keyof typeof ROUTES, cookie: string | undefined, body: object, tenant = w.tenants.globex): Promise<Answer> {
  const { POST } = await ROUTES[route]();
  const response = await POST(w.request(tenant, `/api/${route}`, { cookie, body }));
  return { status: response.status, body: await response.json() };
}

const globex = async () => (await findTenantBySlug(w.db, 'globex'))!;

describe(`a storefront back on Basic keeps serving its customers (${driverName})`, () => {
  it('is in service mode on its host; a Basic reseller that never had a storefront has none', async () => {
    // Bought while the storefront was open: Initrode's subscription, on account.
    expect((await post('cart', ida, { planId: planStd, seats: 3 })).status).toBe(200);
    const placed = await post('checkout', ida, { organizationId: initrode, paymentMethod: 'on_account', idempotencyKey: key(), locale: 'de' });
    expect(placed.status, JSON.stringify(placed.body)).toBe(200);
    const [line] = await w.db.select().from(orderLines).where(eq(orderLines.orderId, placed.body.data!.orderId!));
    await waitFor(async () => (await w.db.select().from(subscriptions).where(eq(subscriptions.orderLineId, line!.id)))[0], (s) => !!s);

    await w.db.update(tenants).set({ plan: 'basic' }).where(eq(tenants.slug, 'globex'));
    const served = await resolveHost(w.db, 'globex.localhost', 'localhost');
    expect(served.kind === 'storefront' && served.tenant).toMatchObject({ slug: 'globex', plan: 'basic' });
    expect(await resolveHost(w.db, 'initech.localhost', 'localhost')).toMatchObject({ kind: 'no-storefront' });
  });

  it('sells nothing: the cart, checkout and a seat increase are refused, and no order is made', async () => {
    const tenant = await globex();
    const [sub] = await w.db.select().from(subscriptions).where(eq(subscriptions.organizationId, initrode));
    const before = await w.db.select().from(orders).where(eq(orders.tenantId, tenant.id));
    const cart = await post('cart', ida, { planId: planStd, seats: 1 }, tenant);
    expect(cart.status).toBe(403);
    expect(cart.body.error!.code).toBe('storefront_closed');
    const checkout = await post('checkout', ida, { organizationId: initrode, paymentMethod: 'on_account', idempotencyKey: key(), locale: 'de' }, tenant);
    expect(checkout.body.error!.code).toBe('storefront_closed');
    const more = await post('account/subscriptions/seats', ida, { subscriptionId: sub!.id, seats: 5, idempotencyKey: key(), locale: 'de' }, tenant);
    expect(more.status).toBe(403);
    expect(more.body.error!.code).toBe('storefront_closed');
    expect(await w.db.select().from(orders).where(eq(orders.tenantId, tenant.id))).toHaveLength(before.length);
    expect((await w.db.select().from(subscriptions).where(eq(subscriptions.id, sub!.id)))[0]!.seats).toBe(3);
  });

  it('lets the customer manage what it has, renews it, and keeps the portal read-only', async () => {
    const tenant = await globex();
    const [sub] = await w.db.select().from(subscriptions).where(eq(subscriptions.organizationId, initrode));
    const portal = await post('admin/subscriptions/auto-renew', gerd, { subscriptionId: sub!.id, autoRenew: 'off', locale: 'de', reason: 'Kunde hat angerufen' }, tenant);
    expect(portal.status).toBe(403);
    expect(portal.body.error!.code).toBe('storefront_closed');
    expect((await post('admin/settings', gerd, { name: 'Globex neu' }, tenant)).body.error?.code).toBe('storefront_closed');
    expect((await globex()).name).toBe('Globex IT-Services');
    // The customer's own change of what it has goes through.
    expect((await post('account/subscriptions/auto-renew', ida, { subscriptionId: sub!.id, autoRenew: 'off' }, tenant)).status).toBe(200);
    expect((await post('account/subscriptions/auto-renew', ida, { subscriptionId: sub!.id, autoRenew: 'on' }, tenant)).status).toBe(200);
    // What it has renews as before: service mode closes new sales, not the customers' subscriptions.
    clock = new Date(sub!.currentPeriodEnd.getTime() + 60_000);
    await renewDue(w.db, { now: clock });
    const renewed = (await w.db.select().from(subscriptions).where(eq(subscriptions.id, sub!.id)))[0]!;
    expect(renewed.currentPeriodStart).toEqual(sub!.currentPeriodEnd);
  });

  it('reopens as it was when a storefront plan is back', async () => {
    await w.db.update(tenants).set({ plan: 'free' }).where(eq(tenants.slug, 'globex'));
    expect((await post('cart', ida, { planId: planStd, seats: 1 }, await globex())).status).toBe(200);
  });
});
