import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import Stripe from 'stripe';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { resetSettings } from '@/lib/config/settings';
import { organizations, tenants } from '@/lib/db/schema';
import { card } from '@/lib/payments';
import { getTenant } from '@/lib/tenancy/repo';
import { forgetTenantHosts } from '@/lib/tenancy/resolve';
import { refreshAccountStatus } from '@/lib/payments/stripe-connect';
import { withTenant } from '@/lib/db/tenant';
import { driverName } from './helpers/db';
import { forgetStandIn, startStripeStandIn, STAND_IN_WEBHOOK_SECRET, useStandIn, type StripeStandIn } from './helpers/stripe-stand-in';
import { createWorld, type World } from './helpers/world';

/**
 * A storefront's settings and payments from the portal: saved as a whole or not at all, and card
 * payment through Stripe Connect onboarding against a local stand-in for Stripe's API.
 */

let w: World;
let stripe: StripeStandIn;
let ada: string;
let sam: string;
let gerd: string;

type Answer = { status: number; location: string | null; body: { data?: { url?: string }; error?: { code: string; message: string; details?: string[] } } | null };

async function post(path: '/api/admin/settings' | '/api/admin/stripe/connect', cookie: string, body: unknown, tenant = w.tenants.acme): Promise<Answer> {
  const { POST } = path === '/api/admin/settings' ? await import('@/app/api/admin/settings/route') : await import('@/app/api/admin/stripe/connect/route');
  const response = await POST(w.request(tenant, path, { cookie, body }));
  return { status: response.status, location: response.headers.get('location'), body: response.headers.get('content-type')?.includes('json') ? ((await response.json()) as Answer['body']) : null };
}

const valid = {
  name: 'Acme Cloud',
  contactEmail: 'hello@acme.test',
  legalAddress: 'Acme Cloud Solutions Inc.\n500 Market Street\nSan Francisco',
  locale_en: 'on',
  locale_de: 'on',
  locale_fr: 'off',
  defaultLocale: 'en',
  currencies: 'usd, EUR',
  defaultCurrency: 'USD',
  taxRates: 'US=8, DE=19',
  onAccountDefault: 'on',
  defaultCreditLimit: '2500.00',
};

const fresh = async (id: string) => (await getTenant(w.db, id))!;

beforeAll(async () => {
  stripe = await startStripeStandIn();
  useStandIn(stripe);
  resetSettings();
  w = await createWorld();
  ada = await w.cookieFor(w.tenants.acme, 'admin@acme.test');
  sam = await w.cookieFor(w.tenants.acme, 'staff@acme.test');
  gerd = await w.cookieFor(w.tenants.globex, 'admin@globex.test');
}, 60_000);
afterAll(async () => {
  await w?.drop();
  await stripe?.close();
  forgetStandIn();
  resetSettings();
});
beforeEach(() => {
  w.install();
  forgetTenantHosts(w.tenants.acme.id);
  forgetTenantHosts(w.tenants.globex.id);
});

describe(`store settings (${driverName})`, () => {
  it('an admin saves them as a whole; staff cannot', async () => {
    expect((await post('/api/admin/settings', sam, valid)).status).toBe(403);
    const saved = await post('/api/admin/settings', ada, valid);
    expect(saved.status).toBe(200);
    const acme = await fresh(w.tenants.acme.id);
    expect(acme).toMatchObject({
      name: 'Acme Cloud', contactEmail: 'hello@acme.test', locales: ['en', 'de'], defaultLocale: 'en', currencies: ['USD', 'EUR'], defaultCurrency: 'USD',
      taxRates: { US: 800, DE: 1900 }, onAccountDefault: true, defaultCreditLimit: 250000,
    });
    expect(acme.legalAddress).toContain('500 Market Street');
  });

  it('refuses invalid settings naming every problem, and changes nothing', async () => {
    const before = await fresh(w.tenants.acme.id);
    const refused = await post('/api/admin/settings', ada, { ...valid, name: 'Renamed', defaultLocale: 'fr', taxRates: 'Germany nineteen', defaultCreditLimit: '-5', currencies: 'EUR' });
    expect(refused.status).toBe(422);
    expect(refused.body?.error?.details).toEqual(expect.arrayContaining([
      expect.stringContaining('taxRates'), expect.stringContaining('defaultCreditLimit'), expect.stringContaining('defaultLocale'), expect.stringContaining('defaultCurrency'),
    ]));
    expect((await post('/api/admin/settings', ada, { ...valid, contactEmail: 'not an address' })).body?.error?.message).toContain('email address');
    expect((await post('/api/admin/settings', ada, { ...valid, locale_en: 'off', locale_de: 'off' })).body?.error?.message).toContain('enable at least one language');
    // A language box left out is not "off": the request is refused, naming what is missing.
    expect((await post('/api/admin/settings', ada, { ...valid, locale_de: undefined })).body?.error?.message).toContain('locales: missing');
    expect((await post('/api/admin/settings', ada, { ...valid, currencies: 'EURO' })).status).toBe(422);
    const after = await fresh(w.tenants.acme.id);
    expect(after.name).toBe(before.name);
    expect(after.taxRates).toEqual(before.taxRates);
    expect(after.updatedAt).toBe(before.updatedAt);
  });

  it('a new customer organisation starts on account with the default limit when the store says so', async () => {
    const { POST } = await import('@/app/api/account/organizations/route');
    const visitor = await w.cookieFor(w.tenants.acme, 'visitor@example.test');
    const created = await POST(w.request(w.tenants.acme, '/api/account/organizations', { cookie: visitor, body: { name: 'Vera Corp', country: 'US', currency: 'USD', billingEmail: 'ap@vera.example', street: '1 Vera Street', city: 'Boston' } }));
    expect(created.status).toBe(200);
    const [org] = await w.db.select().from(organizations).where(eq(organizations.name, 'Vera Corp'));
    expect(org).toMatchObject({ onAccount: true, creditLimit: 250000 });
  });
});

describe(`Stripe Connect onboarding (${driverName})`, () => {
  it('connects a storefront without an account; card payment is offered only once Stripe says it can take charges', async () => {
    const globex = w.tenants.globex;
    expect((await fresh(globex.id)).stripeAccountId).toBeNull();
    const started = await post('/api/admin/stripe/connect', gerd, { settings: '/de/admin/settings' }, globex);
    expect(started.status).toBe(200);
    const url = new URL(started.body!.data!.url!);
    expect(url.origin).toBe(stripe.url);
    expect(url.searchParams.get('return')).toBe('http://globex.localhost:3000/de/admin/settings?stripe=return');
    const account = (await fresh(globex.id)).stripeAccountId!;
    expect(stripe.accounts.get(account)?.metadata).toEqual({ tenant_id: globex.id });
    expect((await fresh(globex.id)).stripeChargesEnabled).toBe(false);
    expect(card.available(await fresh(globex.id), { onAccount: false } as never)).toBe(false);

    // Clicking again (the link expired) continues with the same account.
    await post('/api/admin/stripe/connect', gerd, {}, globex);
    expect((await fresh(globex.id)).stripeAccountId).toBe(account);
    expect(stripe.accounts.size).toBe(1);

    // Back from onboarding: Stripe still reviewing, so no card yet; then Stripe says yes by webhook.
    const linked = await fresh(globex.id);
    await withTenant(w.app.db, globex.id, (tx) => refreshAccountStatus(tx, linked, new Date()));
    expect((await fresh(globex.id)).stripeChargesEnabled).toBe(false);
    const ready = stripe.finishOnboarding(account);
    const payload = JSON.stringify({ id: `evt_${randomBytes(10).toString('hex')}`, object: 'event', type: 'account.updated', account, created: Math.floor(Date.now() / 1000), data: { object: ready } });
    const { POST } = await import('@/app/api/webhooks/stripe/route');
    const deliver = () => POST(new Request('http://localhost:3000/api/webhooks/stripe', { method: 'POST', headers: { 'content-type': 'application/json', 'stripe-signature': Stripe.webhooks.generateTestHeaderString({ payload, secret: STAND_IN_WEBHOOK_SECRET }) }, body: payload }));
    expect((await (await deliver()).json()).outcome).toBe('account_updated');
    expect((await (await deliver()).json()).outcome).toBe('duplicate');
    const connected = await fresh(globex.id);
    expect(connected.stripeChargesEnabled).toBe(true);
    expect(card.available(connected, { onAccount: false } as never)).toBe(true);
  });

  it('an event naming an account that is not the storefront’s changes nothing', async () => {
    const before = await fresh(w.tenants.acme.id);
    const payload = JSON.stringify({ id: `evt_${randomBytes(10).toString('hex')}`, object: 'event', type: 'account.updated', account: before.stripeAccountId, created: Math.floor(Date.now() / 1000), data: { object: { id: 'acct_someoneelse', object: 'account', charges_enabled: false, details_submitted: false } } });
    const { POST } = await import('@/app/api/webhooks/stripe/route');
    await POST(new Request('http://localhost:3000/api/webhooks/stripe', { method: 'POST', headers: { 'content-type': 'application/json', 'stripe-signature': Stripe.webhooks.generateTestHeaderString({ payload, secret: STAND_IN_WEBHOOK_SECRET }) }, body: payload }));
    expect((await fresh(w.tenants.acme.id)).stripeChargesEnabled).toBe(true);
    const [row] = await w.db.select({ charges: tenants.stripeChargesEnabled }).from(tenants).where(eq(tenants.id, before.id));
    expect(row!.charges).toBe(true);
  });
});
