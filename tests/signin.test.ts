import { desc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { mailOutbox, verificationTokens } from '@/lib/db/schema';
import { CLIENT_ADDRESS_HEADER } from '@/lib/http/client-address';
import { ORIGIN_HEADER, SIGNATURE_HEADER, TENANT_HEADER, sign } from '@/lib/http/trust';
import { driverName } from './helpers/db';
import { createWorld, type World } from './helpers/world';

let w: World;
beforeAll(async () => {
  w = await createWorld();
});
afterAll(async () => w?.drop());
beforeEach(() => w.install());

async function requestLink(email: string, headers: Record<string, string> = {}) {
  const { POST } = await import('@/app/api/signin/route');
  return POST(w.request(w.tenants.acme, '/api/signin', { body: { email }, headers }));
}

async function latestLink(email: string): Promise<URL> {
  const [mail] = await w.db.select().from(mailOutbox).where(eq(mailOutbox.to, email)).orderBy(desc(mailOutbox.createdAt)).limit(1);
  return new URL(/http\S+\/signin\/confirm\?\S+/.exec(mail!.text)![0]);
}

async function confirm(link: URL, tenant = w.tenants.acme) {
  const { POST } = await import('@/app/api/signin/confirm/route');
  const body = Object.fromEntries(['token', 'email', 'callbackUrl'].map((k) => [k, link.searchParams.get(k) ?? '']));
  return POST(w.request(tenant, '/api/signin/confirm', { body }));
}

describe(`sign-in links (${driverName})`, () => {
  it('without SMTP_URL the mail is kept in the outbox, linking to the storefront it was asked on', async () => {
    expect((await requestLink('anna@contoso.test')).status).toBe(200);
    const link = await latestLink('anna@contoso.test');
    expect(link.origin).toBe('http://acme.localhost:3000');
    expect(link.pathname).toBe('/signin/confirm');
    const response = await confirm(link);
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('http://acme.localhost:3000/account');
    expect(response.headers.get('set-cookie')).toMatch(/authjs\.session-token=/);
  });

  it('under https the session cookie is __Host- prefixed, Secure, HttpOnly and SameSite=Lax', async () => {
    const origin = 'https://acme.example';
    const vouched = (path: string, body: object) =>
      new Request(`${origin}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin, [TENANT_HEADER]: w.tenants.acme.id, [ORIGIN_HEADER]: origin, [SIGNATURE_HEADER]: sign(w.tenants.acme.id, origin) },
        body: JSON.stringify(body),
      });
    const { POST: ask } = await import('@/app/api/signin/route');
    expect((await ask(vouched('/api/signin', { email: 'fay@fabrikam.test' }))).status).toBe(200);
    const link = await latestLink('fay@fabrikam.test');
    expect(link.origin).toBe(origin);
    const { POST: confirmLink } = await import('@/app/api/signin/confirm/route');
    const body = Object.fromEntries(['token', 'email', 'callbackUrl'].map((k) => [k, link.searchParams.get(k) ?? '']));
    const cookies = (await confirmLink(vouched('/api/signin/confirm', body))).headers.getSetCookie();
    const cookie = cookies.find((c) => c.includes('session-token=')) ?? '';
    expect(cookie).toMatch(/^__Host-authjs\.session-token=[^;]+/);
    expect(cookie).toMatch(/; HttpOnly/i);
    expect(cookie).toMatch(/; Secure/i);
    expect(cookie).toMatch(/; SameSite=Lax/i);
    expect(cookie).toMatch(/; Path=\//i);
    expect(cookie).not.toMatch(/; Domain=/i);
  });

  it('an expired link fails with the verification error and gives no session', async () => {
    await requestLink('ben@contoso.test');
    const link = await latestLink('ben@contoso.test');
    await w.db.update(verificationTokens).set({ expires: sql`now() - interval '1 minute'` }).where(eq(verificationTokens.identifier, 'ben@contoso.test'));
    const response = await confirm(link);
    expect(response.headers.get('location')).toMatch(/\/signin\?error=Verification$/);
    expect(response.headers.get('set-cookie') ?? '').not.toMatch(/authjs\.session-token=[^;]/);
  });

  it('a link asked for on one storefront does not work on another', async () => {
    await requestLink('staff@acme.test');
    const link = await latestLink('staff@acme.test');
    const response = await confirm(link, w.tenants.globex);
    expect(response.headers.get('location')).toMatch(/\/signin\?error=Verification$/);
    // …and is still good where it belongs, landing Acme's staff in its portal.
    const signedIn = await confirm(link);
    expect(signedIn.headers.get('location')).toBe('http://acme.localhost:3000/admin');
    expect(signedIn.headers.getSetCookie()).toContainEqual(expect.stringMatching(/^cf_staff=1; Path=\//));
  });

  it('limits requests per client as well as per address, whatever X-Forwarded-For claims', async () => {
    // The server stamps the socket's address (lib/http/client-address.ts); the client's own
    // X-Forwarded-For changes nothing with no trusted proxies in front.
    const statuses = [];
    for (let i = 0; i < 31; i++) {
      statuses.push((await requestLink(`person${i}@example.test`, { [CLIENT_ADDRESS_HEADER]: '203.0.113.7', 'x-forwarded-for': `198.51.100.${i}` })).status);
    }
    expect(statuses.slice(0, 30).every((s) => s === 200)).toBe(true);
    expect(statuses[30]).toBe(429);
    expect((await requestLink('person0@example.test', { [CLIENT_ADDRESS_HEADER]: '198.51.100.1' })).status).toBe(200);
  });
});
