import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { domains, tenants } from '@/lib/db/schema';
import { seedBenchTenants, seedDemo } from '@/lib/seed/demo';
import { findTenantBySlug } from '@/lib/tenancy/repo';
import { hostCache, resolvedTenant, resolveHost, resolveHostCached } from '@/lib/tenancy/resolve';
import { isDomainError } from '@/lib/errors';
import { updateTenantSettings } from '@/lib/tenancy/settings';
import { createTestDatabase, driverName, type TestDatabase } from './helpers/db';

let test: TestDatabase;
const db = () => test.handle.db;

beforeAll(async () => {
  test = await createTestDatabase();
  await seedDemo(db());
});
afterAll(async () => test?.drop());
beforeEach(() => hostCache().clear());

async function counts() {
  const [t] = await db().select({ n: sql<number>`count(*)::int` }).from(tenants);
  const [d] = await db().select({ n: sql<number>`count(*)::int` }).from(domains);
  return { tenants: t!.n, domains: d!.n };
}

describe(`demo seed on ${driverName}`, () => {
  it('creates a distributor and four resellers, and a second run changes nothing', async () => {
    const before = await counts();
    expect(before.tenants).toBe(5);
    await seedDemo(db());
    expect(await counts()).toEqual(before);
  });

  it('keeps edits made after seeding', async () => {
    const acme = (await findTenantBySlug(db(), 'acme'))!;
    await updateTenantSettings(db(), acme.id, { name: 'Acme Cloud (renamed)' });
    await seedDemo(db());
    expect((await findTenantBySlug(db(), 'acme'))!.name).toBe('Acme Cloud (renamed)');
    await updateTenantSettings(db(), acme.id, { name: 'Acme Cloud Solutions' });
  });
});

describe(`host resolution on ${driverName}`, () => {
  const resolve = (host: string) => resolveHost(db(), host, 'localhost');

  it('serves the distributor on the root host and resellers on their subdomains', async () => {
    const root = await resolve('localhost:3000');
    expect(root.kind === 'storefront' && root.tenant.name).toBe('Northwind Distribution');
    const acme = await resolve('ACME.localhost.');
    expect(acme.kind === 'storefront' && acme.tenant.name).toBe('Acme Cloud Solutions');
  });

  it('serves a verified custom domain and ignores an unverified one', async () => {
    const custom = await resolve('shop.acme.test');
    expect(custom.kind === 'storefront' && custom.tenant.slug).toBe('acme');
    expect(await resolve('store.globex.test')).toEqual({ kind: 'unknown' });
  });

  it('answers unknown, suspended and no-storefront without tenant data', async () => {
    expect(await resolve('nobody.localhost')).toEqual({ kind: 'unknown' });
    expect(await resolve('a.acme.localhost')).toEqual({ kind: 'unknown' });
    expect(await resolve('northwind.localhost')).toEqual({ kind: 'unknown' });
    const suspended = await resolve('umbrella.localhost');
    expect(suspended.kind).toBe('suspended');
    expect(JSON.stringify(suspended)).not.toContain('Umbrella');
    const basic = await resolve('initech.localhost');
    expect(basic).toMatchObject({ kind: 'no-storefront', distributorHost: 'localhost' });
    expect(JSON.stringify(basic)).not.toContain('Initech');
  });

  it('redirects www. to the canonical host', async () => {
    expect(await resolve('www.acme.localhost')).toMatchObject({ kind: 'redirect', host: 'acme.localhost' });
    expect(await resolve('www.localhost')).toMatchObject({ kind: 'redirect', host: 'localhost' });
    expect(await resolve('www.shop.acme.test')).toMatchObject({ kind: 'redirect', host: 'shop.acme.test' });
  });

  it('follows PLATFORM_DOMAIN rather than a fixed name', async () => {
    const acme = await resolveHost(db(), 'acme.shops.example.com', 'shops.example.com');
    expect(acme.kind === 'storefront' && acme.tenant.slug).toBe('acme');
    expect(await resolveHost(db(), 'acme.localhost', 'shops.example.com')).toEqual({ kind: 'unknown' });
  });
});

describe(`tenant cache on ${driverName}`, () => {
  it('answers repeated lookups from memory and forgets a tenant when it changes', async () => {
    const globex = (await findTenantBySlug(db(), 'globex'))!;
    let opened = 0;
    const open = async () => {
      opened++;
      return db();
    };
    const first = await resolveHostCached(open, 'globex.localhost', 'localhost');
    await resolveHostCached(open, 'GLOBEX.localhost:3000', 'localhost');
    expect(opened).toBe(1);
    expect(first.kind === 'storefront' && first.tenant.theme).toBe('studio');

    await resolveHostCached(open, 'acme.localhost', 'localhost');
    await updateTenantSettings(db(), globex.id, { theme: 'bold' });
    const after = await resolveHostCached(open, 'globex.localhost', 'localhost');
    expect(after.kind === 'storefront' && after.tenant.theme).toBe('bold');
    expect(opened).toBe(3);
    // Another tenant's entry survived the invalidation.
    await resolveHostCached(open, 'acme.localhost', 'localhost');
    expect(opened).toBe(3);
    await updateTenantSettings(db(), globex.id, { theme: 'studio' });
  });

  it('gives a route handler the tenant its request’s host was resolved to, and nothing for another id or host', async () => {
    const globex = (await findTenantBySlug(db(), 'globex'))!;
    const acme = (await findTenantBySlug(db(), 'acme'))!;
    expect(resolvedTenant('globex.localhost:3000', globex.id)).toBeNull();
    await resolveHostCached(async () => db(), 'globex.localhost:3000', 'localhost');
    expect(resolvedTenant('globex.localhost:3000', globex.id)?.slug).toBe('globex');
    expect(resolvedTenant('globex.localhost:3000', acme.id)).toBeNull();
    expect(resolvedTenant('acme.localhost:3000', acme.id)).toBeNull();
    expect(resolvedTenant(null, globex.id)).toBeNull();
    await updateTenantSettings(db(), globex.id, { theme: 'bold' });
    expect(resolvedTenant('globex.localhost:3000', globex.id)).toBeNull();
    await updateTenantSettings(db(), globex.id, { theme: 'studio' });
  });
});

describe(`tenant settings on ${driverName}`, () => {
  it('refuses invalid settings with a message per field and writes nothing', async () => {
    const acme = (await findTenantBySlug(db(), 'acme'))!;
    const attempts: [unknown, RegExp][] = [
      [{ theme: 'neon' }, /theme: must be one of classic, bold, studio/],
      [{ themeOverrides: { colorPrimary: 'red;}' } }, /themeOverrides.colorPrimary: must be a hex colour/],
      [{ locales: ['fr'] }, /defaultLocale: "en" is not among the enabled languages/],
      [{ locales: ['xx'] }, /locales.0/],
      [{ defaultCurrency: 'eur' }, /defaultCurrency: must be an ISO 4217 code/],
      [{ css: 'body{}' }, /Unrecognized key/i],
    ];
    for (const [input, message] of attempts) {
      const error = await updateTenantSettings(db(), acme.id, input).catch((e: unknown) => e);
      expect(isDomainError(error, 'invalid_input'), JSON.stringify(input)).toBe(true);
      expect((error as Error).message).toMatch(message);
    }
    expect(await findTenantBySlug(db(), 'acme')).toEqual(acme);
  });

  it('applies valid settings and moves updatedAt', async () => {
    const acme = (await findTenantBySlug(db(), 'acme'))!;
    const updated = await updateTenantSettings(db(), acme.id, { themeOverrides: { colorPrimary: '#0ea5e9' } });
    expect(updated.themeOverrides).toEqual({ colorPrimary: '#0ea5e9' });
    expect(new Date(updated.updatedAt) >= new Date(acme.updatedAt)).toBe(true);
    await updateTenantSettings(db(), acme.id, { themeOverrides: {} });
  });
});

describe(`schema constraints on ${driverName}`, () => {
  it('keeps hostnames lowercase, and a verified hostname to one tenant', async () => {
    const globex = (await findTenantBySlug(db(), 'globex'))!;
    await expect(db().insert(domains).values({ tenantId: globex.id, hostname: 'Shop.Globex.test' })).rejects.toThrow();
    // shop.acme.test is Acme's, verified: no other tenant can hold it verified too.
    await expect(db().insert(domains).values({ tenantId: globex.id, hostname: 'shop.acme.test', verified: true })).rejects.toThrow();
  });

  it('allows one distributor only and a default locale that is enabled', async () => {
    await expect(db().insert(tenants).values({ slug: 'second', name: 'Second', kind: 'distributor' })).rejects.toThrow();
    const acme = (await findTenantBySlug(db(), 'acme'))!;
    await expect(
      db().insert(tenants).values({ slug: 'bad', name: 'Bad', kind: 'reseller', parentId: acme.parentId, locales: ['en'], defaultLocale: 'de' }),
    ).rejects.toThrow();
  });

  it('adds bench resellers idempotently', async () => {
    const slugs = await seedBenchTenants(db(), 3);
    await seedBenchTenants(db(), 3);
    expect(slugs).toEqual(['bench-001', 'bench-002', 'bench-003']);
    expect((await counts()).tenants).toBe(8);
  });
});

describe.runIf(process.env.DATABASE_URL)('tenant changes across app servers on postgres', () => {
  it('a NOTIFY from one server empties the host cache the listener of another holds', async () => {
    const { openDatabase } = await import('@/lib/db');
    const { listenForTenantChanges, TENANT_CHANGED_CHANNEL } = await import('@/lib/tenancy/invalidate');
    // A second connection to the same test database stands in for a second app server.
    const [row] = (await db().execute(sql`select current_database() as name`)) as unknown as [{ name: string }];
    const url = new URL(process.env.DATABASE_URL!);
    url.pathname = `/${row.name}`;
    const other = await openDatabase({ databaseUrl: url.toString() });
    try {
      await listenForTenantChanges(other);
      const acme = (await findTenantBySlug(db(), 'acme'))!;
      await resolveHostCached(async () => db(), 'acme.localhost', 'localhost');
      expect(hostCache().size).toBe(1);
      // Only the listener can empty the cache here: nothing in this process forgets the entry.
      const change = JSON.stringify({ from: 'another-server', tenantId: acme.id, tags: [`t:${acme.id}`] });
      await db().execute(sql`select pg_notify(${TENANT_CHANGED_CHANNEL}, ${change})`);
      await expect.poll(() => hostCache().size, { timeout: 5000 }).toBe(0);
    } finally {
      await other.close();
    }
  });
});
