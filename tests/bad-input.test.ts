import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { cartItems, markupRules, plans, users } from '@/lib/db/schema';
import { invitations } from '@/lib/db/schema';
import { ORIGIN_HEADER, SIGNATURE_HEADER, TENANT_HEADER, sign } from '@/lib/http/trust';
import { purgeExpired } from '@/lib/identity/housekeeping';
import { sessions, verificationTokens } from '@/lib/db/schema';
import { DEMO_ACME_API_KEY } from '@/lib/seed/demo';
import { driverName } from './helpers/db';
import { createWorld, type World } from './helpers/world';

let w: World;
beforeAll(async () => {
  w = await createWorld();
});
afterAll(async () => w?.drop());
beforeEach(() => w.install());

/** A raw request to an entry point on Acme's storefront, as the proxy hands it over. */
function raw(path: string, body: BodyInit, headers: Record<string, string>) {
  const origin = w.origin(w.tenants.acme);
  return new Request(`${origin}${path}`, {
    method: 'POST',
    body,
    headers: { origin, [TENANT_HEADER]: w.tenants.acme.id, [ORIGIN_HEADER]: origin, [SIGNATURE_HEADER]: sign(w.tenants.acme.id, origin), ...headers },
  });
}

const adminName = async () => (await w.db.select().from(users).where(and(eq(users.tenantId, w.tenants.acme.id), eq(users.email, 'admin@acme.test'))))[0]!.name;

describe(`bad input is a 4xx with a message and changes nothing (${driverName})`, () => {
  it('NUL and control characters in a form field: 422 naming the field', async () => {
    const { POST } = await import('@/app/api/account/profile/route');
    const before = await adminName();
    const cookie = await w.cookieFor(w.tenants.acme, 'admin@acme.test');
    const json = await POST(raw('/api/account/profile', JSON.stringify({ name: 'Ada\u0000Acme' }), { 'content-type': 'application/json', cookie }));
    expect(json.status).toBe(422);
    expect((await json.json()).error.message).toMatch(/name: contains control characters/);
    const form = await POST(raw('/api/account/profile', 'name=Ada%1BAcme&returnTo=%2Faccount', { 'content-type': 'application/x-www-form-urlencoded', cookie }));
    expect(form.status).toBe(303);
    expect(form.headers.get('location')).toMatch(/^\/account\?error=invalid_input&details=name/);
    expect(await adminName()).toBe(before);
  });

  it('an oversized body: 413, unread; an oversized field: 422', async () => {
    const { POST } = await import('@/app/api/account/profile/route');
    const cookie = await w.cookieFor(w.tenants.acme, 'admin@acme.test');
    const huge = JSON.stringify({ name: 'x'.repeat(12 * 1024 * 1024) });
    expect((await POST(raw('/api/account/profile', huge, { 'content-type': 'application/json', cookie }))).status).toBe(413);
    const long = await POST(raw('/api/account/profile', JSON.stringify({ name: 'x'.repeat(20_000) }), { 'content-type': 'application/json', cookie }));
    expect(long.status).toBe(422);
  });

  it('absurdly nested JSON: 422, not a stack overflow', async () => {
    const { POST } = await import('@/app/api/account/profile/route');
    const cookie = await w.cookieFor(w.tenants.acme, 'admin@acme.test');
    const deep = `{"name":${'['.repeat(50_000)}${']'.repeat(50_000)}}`;
    const response = await POST(raw('/api/account/profile', deep, { 'content-type': 'application/json', cookie }));
    expect(response.status).toBe(422);
    expect((await response.json()).error.message).toMatch(/nested deeper/);
  });

  it('a wrong content type: 415; a multipart body without its boundary: 400; broken JSON: 400', async () => {
    const { POST } = await import('@/app/api/account/profile/route');
    const cookie = await w.cookieFor(w.tenants.acme, 'admin@acme.test');
    expect((await POST(raw('/api/account/profile', '<name>x</name>', { 'content-type': 'application/xml', cookie }))).status).toBe(415);
    const multipart = await POST(raw('/api/account/profile', '--x\r\nContent-Disposition: form-data; name="name"\r\n\r\nA\r\n--x--', { 'content-type': 'multipart/form-data', cookie }));
    expect(multipart.status).toBe(400);
    expect(await multipart.text()).toMatch(/boundary/);
    expect((await POST(raw('/api/account/profile', '{"name":', { 'content-type': 'application/json', cookie }))).status).toBe(400);
  });

  it('the markup API refuses a 12 MB body (413) and a control character (422), keeping the rules', async () => {
    const { PUT } = await import('@/app/api/v1/markup-rules/route');
    const rules = () => w.db.select().from(markupRules).where(eq(markupRules.tenantId, w.tenants.acme.id));
    const before = await rules();
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${DEMO_ACME_API_KEY}` };
    const big = JSON.stringify({ scope: 'all', kind: 'percent', basisPoints: 100, pad: 'x'.repeat(12 * 1024 * 1024) });
    expect((await PUT(raw('/api/v1/markup-rules', big, headers))).status).toBe(413);
    const nul = await PUT(raw('/api/v1/markup-rules', JSON.stringify({ scope: 'category', category: 'sec\u0000urity', kind: 'percent', basisPoints: 100 }), headers));
    expect(nul.status).toBe(422);
    expect((await PUT(raw('/api/v1/markup-rules', 'scope=all', { ...headers, 'content-type': 'text/plain' }))).status).toBe(415);
    expect(await rules()).toEqual(before);
  });
});

describe(`housekeeping (${driverName})`, () => {
  it('purges expired sessions, sign-in tokens, invitations and old rate-limit windows, and is safe to run twice', async () => {
    const acme = w.tenants.acme.id;
    const [admin] = await w.db.select().from(users).where(and(eq(users.tenantId, acme), eq(users.email, 'admin@acme.test')));
    const past = new Date(Date.now() - 60_000);
    await w.db.insert(sessions).values({ tenantId: acme, sessionToken: 'expired-session', userId: admin!.id, expires: past });
    await w.db.insert(sessions).values({ tenantId: acme, sessionToken: 'live-session', userId: admin!.id, expires: new Date(Date.now() + 3_600_000) });
    await w.db.insert(verificationTokens).values({ tenantId: acme, identifier: 'old@example.test', token: 'old-token', expires: past });
    await w.db.insert(invitations).values({ tenantId: acme, email: 'late@example.test', role: 'reseller_staff', invitedBy: admin!.id, expiresAt: past });
    const { getDb } = await import('@/lib/db');
    const first = await purgeExpired(await getDb());
    expect(first.sessions).toBeGreaterThanOrEqual(1);
    expect(first.signInTokens).toBeGreaterThanOrEqual(1);
    expect(first.invitations).toBeGreaterThanOrEqual(1);
    const tokens = (await w.db.select().from(sessions).where(eq(sessions.tenantId, acme))).map((s) => s.sessionToken);
    expect(tokens).toContain('live-session');
    expect(tokens).not.toContain('expired-session');
    const second = await purgeExpired(await getDb());
    expect([second.sessions, second.signInTokens, second.invitations]).toEqual([0, 0, 0]);
    // The clock is injectable: an hour from now, the live session has expired too.
    expect((await purgeExpired(await getDb(), new Date(Date.now() + 2 * 3_600_000))).sessions).toBeGreaterThanOrEqual(1);
  });
});

describe(`quantities are whole decimal numbers or refused (${driverName})`, () => {
  it('seats sent as true, [1], "0x10", " 7 ", 7.5, "1e3" or -1 are refused naming the seats; the cart keeps what it had', async () => {
    const { POST: add } = await import('@/app/api/cart/route');
    const { POST: update } = await import('@/app/api/cart/update/route');
    const cookie = await w.cookieFor(w.tenants.acme, 'anna@contoso.test');
    const [plan] = await w.db.select().from(plans).where(eq(plans.sku, 'KP-BUS-M'));
    expect((await add(w.request(w.tenants.acme, '/api/cart', { cookie, body: { planId: plan!.id, seats: '3' } }))).status).toBe(200);
    const items = () => w.db.select({ seats: cartItems.seats }).from(cartItems).where(and(eq(cartItems.tenantId, w.tenants.acme.id), eq(cartItems.planId, plan!.id)));
    expect(await items()).toEqual([{ seats: 3 }]);
    for (const seats of [true, [1], '0x10', ' 7 ', 7.5, '1e3', -1, '', null, '٣']) {
      for (const [handler, path] of [[add, '/api/cart'], [update, '/api/cart/update']] as const) {
        const response = await handler(w.request(w.tenants.acme, path, { cookie, body: { planId: plan!.id, seats } }));
        expect(response.status, `${path} seats=${JSON.stringify(seats)}`).toBe(422);
        expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(/seats: (enter the seats as a whole number|at least 1)/);
      }
    }
    expect(await items()).toEqual([{ seats: 3 }]);
    // Digits, or a JSON integer, are what a person and a script send.
    expect((await update(w.request(w.tenants.acme, '/api/cart/update', { cookie, body: { planId: plan!.id, seats: 5 } }))).status).toBe(200);
    expect(await items()).toEqual([{ seats: 5 }]);
  });

  it('a subscription’s seats are read the same way', async () => {
    const { POST } = await import('@/app/api/account/subscriptions/seats/route');
    const cookie = await w.cookieFor(w.tenants.acme, 'anna@contoso.test');
    for (const seats of [true, [1], '0x10', ' 7 ']) {
      const response = await POST(w.request(w.tenants.acme, '/api/account/subscriptions/seats', { cookie, body: { subscriptionId: '00000000-0000-4000-8000-000000000000', seats, idempotencyKey: 'seats-probe-0123456789', locale: 'en' } }));
      expect(response.status).toBe(422);
      expect(((await response.json()) as { error: { message: string } }).error.message).toContain('seats: enter the seats as a whole number');
    }
  });
});
