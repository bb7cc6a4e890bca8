import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { resetSettings } from '@/lib/config/settings';
import { domains, tenants } from '@/lib/db/schema';
import { forgetTenantHosts } from '@/lib/tenancy/resolve';
import { recheckDomains } from '@/lib/domains';
import { resolveHost } from '@/lib/tenancy/resolve';
import { driverName } from './helpers/db';
import { startDnsServer } from './helpers/dns-server';
import { createWorld, type World } from './helpers/world';

/**
 * Custom domains (Standard plan) against a DNS server of the test's own: a reseller adds a
 * hostname, publishes the TXT record the portal shows, verifies, and the host serves its
 * storefront; another storefront can never take it; the TLS proxy's check says yes only for
 * verified hosts; a primary domain gathers the others; a record that disappears is flagged.
 */

let w: World;
let dns: Awaited<ReturnType<typeof startDnsServer>>;
const records = new Map<string, string[]>();
let acmeAdmin: string;
let globexAdmin: string;

const ROUTES = {
  add: () => import('@/app/api/admin/domains/route'),
  verify: () => import('@/app/api/admin/domains/verify/route'),
  primary: () => import('@/app/api/admin/domains/primary/route'),
  remove: () => import('@/app/api/admin/domains/remove/route'),
};
const PATHS = { add: '/api/admin/domains', verify: '/api/admin/domains/verify', primary: '/api/admin/domains/primary', remove: '/api/admin/domains/remove' };
type Answer = { status: number; body: { data?: Record<string, string>; error?: { code: string; message: string } } };

async function post(route: keyof typeof ROUTES, cookie: string, hostname: string, tenant = w.tenants.acme): Promise<Answer> {
  const { POST } = await ROUTES[route]();
  const response = await POST(w.request(tenant, PATHS[route], { cookie, body: { hostname } }));
  return { status: response.status, body: (await response.json()) as Answer['body'] };
}

async function check(domain: string): Promise<number> {
  const { GET } = await import('@/app/api/domains/check/route');
  return (await GET(new Request(`http://localhost/api/domains/check?domain=${encodeURIComponent(domain)}`))).status;
}

beforeAll(async () => {
  dns = await startDnsServer(records);
  process.env.DNS_SERVERS = dns.address;
  resetSettings();
  w = await createWorld();
  acmeAdmin = await w.cookieFor(w.tenants.acme, 'admin@acme.test');
  globexAdmin = await w.cookieFor(w.tenants.globex, 'admin@globex.test');
}, 60_000);
afterAll(async () => {
  delete process.env.DNS_SERVERS;
  resetSettings();
  await w?.drop();
  await dns?.close();
});
beforeEach(() => w.install());

describe(`custom domains (${driverName})`, () => {
  it('verifies a hostname through its TXT record; then the host serves the storefront and the TLS check says yes', async () => {
    const added = await post('add', acmeAdmin, 'Store.Acme-Cloud.example');
    expect(added.status, JSON.stringify(added.body)).toBe(200);
    expect(added.body.data).toMatchObject({ hostname: 'store.acme-cloud.example', record: '_channelfront.store.acme-cloud.example' });
    const token = added.body.data!.token!;
    expect(token).toMatch(/^cf-verify=/);

    // Before the record exists: refused with what to do, nothing served, no certificate.
    const early = await post('verify', acmeAdmin, 'store.acme-cloud.example');
    expect(early.status).toBe(422);
    expect(early.body.error?.message).toContain('_channelfront.store.acme-cloud.example');
    expect(await resolveHost(w.db, 'store.acme-cloud.example', 'localhost')).toEqual({ kind: 'unknown' });
    expect(await check('store.acme-cloud.example')).toBe(404);

    records.set('_channelfront.store.acme-cloud.example', ['some-other=value', token]);
    const verified = await post('verify', acmeAdmin, 'store.acme-cloud.example');
    expect(verified.status, JSON.stringify(verified.body)).toBe(200);
    const served = await resolveHost(w.db, 'store.acme-cloud.example', 'localhost');
    expect(served.kind === 'storefront' && served.tenant.slug).toBe('acme');
    expect(await check('store.acme-cloud.example')).toBe(200);
    expect(await check('STORE.acme-cloud.example.')).toBe(200);
    expect(await check('unknown.example')).toBe(404);
    expect(await check('')).toBe(404);
  });

  it('another storefront cannot take a verified domain, even with its own record', async () => {
    const refused = await post('add', globexAdmin, 'store.acme-cloud.example', w.tenants.globex);
    // Globex is on Free: custom domains are a Standard feature before anything else.
    expect(refused.status).toBe(403);
    expect(refused.body.error?.code).toBe('plan_required');
    const acme = await post('add', acmeAdmin, 'store.acme-cloud.example');
    expect(acme.status).toBe(409);

    // On Standard, Globex still cannot add it; an unverified claim does not block, but only the
    // one who publishes the record gets the domain, and then it is theirs alone.
    await w.db.update(tenants).set({ plan: 'standard' }).where(eq(tenants.id, w.tenants.globex.id));
    forgetTenantHosts(w.tenants.globex.id);
    const globex = { ...w.tenants.globex, plan: 'standard' as const };
    const taken = await post('add', globexAdmin, 'store.acme-cloud.example', globex);
    expect(taken.status).toBe(409);
    expect(taken.body.error?.message).toContain('belongs to another storefront');
    expect((await post('add', acmeAdmin, 'contested.example')).status).toBe(200);
    const claim = await post('add', globexAdmin, 'contested.example', globex);
    expect(claim.status).toBe(200);
    records.set('_channelfront.contested.example', [claim.body.data!.token!]);
    expect((await post('verify', acmeAdmin, 'contested.example')).status).toBe(422);
    expect((await post('verify', globexAdmin, 'contested.example', globex)).status).toBe(200);
    const [acmeToken] = await w.db.select({ token: domains.token }).from(domains).where(and(eq(domains.tenantId, w.tenants.acme.id), eq(domains.hostname, 'contested.example')));
    records.set('_channelfront.contested.example', [claim.body.data!.token!, acmeToken!.token!]);
    const late = await post('verify', acmeAdmin, 'contested.example');
    expect(late.status).toBe(409);
    const served = await resolveHost(w.db, 'contested.example', 'localhost');
    expect(served.kind === 'storefront' && served.tenant.slug).toBe('globex');
  });

  it('refuses hostnames that are not a domain of the reseller’s own', async () => {
    for (const bad of ['localhost', 'acme.localhost', 'no_dots', '192.168.1.1', 'a..b.example', '-bad.example']) {
      const answer = await post('add', acmeAdmin, bad);
      expect(answer.status, bad).toBe(422);
    }
  });

  it('takes the hostname out of an address pasted from the browser', async () => {
    for (const [pasted, hostname] of [
      ['https://Pasted.Acme-Cloud.example/', 'pasted.acme-cloud.example'],
      ['www.acme-cloud.example/about-us', 'www.acme-cloud.example'],
      ['http://shop.acme-cloud.example:8080/?x=1', 'shop.acme-cloud.example'],
    ] as const) {
      const answer = await post('add', acmeAdmin, pasted);
      expect(answer.status, `${pasted}: ${JSON.stringify(answer.body)}`).toBe(200);
      expect(answer.body.data?.hostname, pasted).toBe(hostname);
    }
    expect((await post('add', acmeAdmin, 'https://localhost/')).status).toBe(422);
    expect((await post('add', acmeAdmin, 'https://')).status).toBe(422);
  });

  it('a primary domain gathers the others with a permanent redirect', async () => {
    await post('add', acmeAdmin, 'www.acme-cloud.example');
    const added = await w.db.select().from(domains).where(eq(domains.hostname, 'www.acme-cloud.example'));
    records.set('_channelfront.www.acme-cloud.example', [added[0]!.token!]);
    expect((await post('verify', acmeAdmin, 'www.acme-cloud.example')).status).toBe(200);
    expect((await post('primary', acmeAdmin, 'store.acme-cloud.example')).status).toBe(200);
    expect(await resolveHost(w.db, 'www.acme-cloud.example', 'localhost')).toMatchObject({ kind: 'redirect', host: 'store.acme-cloud.example' });
    const primary = await resolveHost(w.db, 'store.acme-cloud.example', 'localhost');
    expect(primary.kind).toBe('storefront');
    // Only a verified domain can be primary.
    await post('add', acmeAdmin, 'pending.acme-cloud.example');
    expect((await post('primary', acmeAdmin, 'pending.acme-cloud.example')).status).toBe(409);
  });

  it('flags a verified domain whose record disappeared, and clears the flag when it is back', async () => {
    records.delete('_channelfront.www.acme-cloud.example');
    const later = new Date(Date.now() + 2 * 3_600_000);
    const run = await recheckDomains(w.app.db, later);
    expect(run.failing).toBeGreaterThanOrEqual(1);
    const [flagged] = await w.db.select().from(domains).where(and(eq(domains.tenantId, w.tenants.acme.id), eq(domains.hostname, 'www.acme-cloud.example')));
    expect(flagged).toMatchObject({ verified: true, failing: true });
    const [fine] = await w.db.select().from(domains).where(eq(domains.hostname, 'store.acme-cloud.example'));
    expect(fine!.failing).toBe(false);
  });

  it('only the storefront’s admins manage domains, and a removed domain stops serving', async () => {
    const staff = await w.cookieFor(w.tenants.acme, 'staff@acme.test');
    expect((await post('add', staff, 'staff.acme-cloud.example')).status).toBe(403);
    const customer = await w.cookieFor(w.tenants.acme, 'anna@contoso.test');
    expect((await post('remove', customer, 'store.acme-cloud.example')).status).toBe(403);
    expect((await post('remove', acmeAdmin, 'store.acme-cloud.example')).status).toBe(200);
    expect(await check('store.acme-cloud.example')).toBe(404);
    expect(await resolveHost(w.db, 'store.acme-cloud.example', 'localhost')).toEqual({ kind: 'unknown' });
  });
});
