import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type DbHandle } from '@/lib/db';
import { APP_ROLE, assertRowLevelSecurityApplies, connectionRole } from '@/lib/db/roles';
import { rowsOf } from '@/lib/db/rows';
import { asDistributor, withTenant } from '@/lib/db/tenant';
import { markupRules, memberships, organizations, products, sessions, tenants, users } from '@/lib/db/schema';
import { seedDemo } from '@/lib/seed/demo';
import { findTenantBySlug } from '@/lib/tenancy/repo';
import type { Tenant } from '@/lib/tenancy/types';
import { createTestDatabase, driverName, type TestDatabase } from './helpers/db';

/**
 * The database's own tenant isolation, as the app's role sees it: a query that forgets its WHERE
 * (or names another tenant on purpose) gets nothing. On the PostgreSQL server the app logs in as
 * channelfront_app; on PGlite the connection acts as it through SET ROLE, as the app does.
 */
let test: TestDatabase;
let app: DbHandle;
let acme: Tenant;
let globex: Tenant;
let northwind: Tenant;

beforeAll(async () => {
  test = await createTestDatabase();
  await seedDemo(test.handle.db);
  acme = (await findTenantBySlug(test.handle.db, 'acme'))!;
  globex = (await findTenantBySlug(test.handle.db, 'globex'))!;
  northwind = (await findTenantBySlug(test.handle.db, 'northwind'))!;
  if (test.app === test.handle) {
    // PGlite has one connection: from here on it is the app's, as in lib/db/index.ts.
    await test.handle.setRole!(APP_ROLE);
  }
  app = test.app;
});
afterAll(async () => test?.drop());

/** Reads as the tables' owner; PGlite's one connection steps out of the app role meanwhile. */
async function asOwner<T>(fn: (db: DbHandle['db']) => Promise<T>): Promise<T> {
  if (test.app !== test.handle) return fn(test.handle.db);
  await test.handle.db.execute(sql`reset role`);
  try {
    return await fn(test.handle.db);
  } finally {
    await test.handle.setRole!(APP_ROLE);
  }
}

/** Drizzle wraps the database's error; the policy's refusal is its cause. */
const refusedByPolicy = (error: unknown) => /row-level security/.test(String((error as { cause?: Error }).cause?.message ?? error));

const globexOrgs = (db: DbHandle['db']) => db.select().from(organizations).where(eq(organizations.tenantId, globex.id));

describe(`row-level security as the app role (${driverName})`, () => {
  it('the app role is not a superuser, has no BYPASSRLS and owns no table', async () => {
    const role = await connectionRole(app.db);
    expect(role.currentUser).toBe(APP_ROLE);
    expect(role.superuser).toBe(false);
    expect(role.bypassRls).toBe(false);
    expect(role.ownsTables).toBe(false);
    await expect(assertRowLevelSecurityApplies(app)).resolves.toBeUndefined();
  });

  it('with no tenant set, tenant tables and the catalog show no rows', async () => {
    for (const table of [users, sessions, organizations, memberships, markupRules, products]) {
      expect(await app.db.select().from(table)).toHaveLength(0);
    }
    // The tenant registry routes requests before any tenant is known, so it stays readable.
    expect((await app.db.select().from(tenants)).length).toBeGreaterThan(3);
  });

  it('as Acme, Globex’s rows cannot be selected, updated, deleted or inserted', async () => {
    await withTenant(app.db, acme.id, async (db) => {
      expect((await db.select().from(organizations)).every((o) => o.tenantId === acme.id)).toBe(true);
      expect(await globexOrgs(db)).toHaveLength(0);
      expect(await db.update(organizations).set({ name: 'Taken over' }).where(eq(organizations.tenantId, globex.id)).returning()).toHaveLength(0);
      expect(await db.delete(users).where(eq(users.tenantId, globex.id)).returning()).toHaveLength(0);
      expect(await db.select().from(sessions).where(eq(sessions.tenantId, globex.id))).toHaveLength(0);
    });
    await expect(
      withTenant(app.db, acme.id, (db) => db.insert(organizations).values({ tenantId: globex.id, name: 'Planted', country: 'DE', billingEmail: 'x@y.test', currency: 'EUR' })),
    ).rejects.toSatisfy(refusedByPolicy);
    // Moving one's own row into another tenant is refused too (on Citus already by its rule that
    // a row never changes shard).
    await expect(
      withTenant(app.db, acme.id, (db) => db.update(organizations).set({ tenantId: globex.id }).where(eq(organizations.tenantId, acme.id))),
    ).rejects.toSatisfy((e: unknown) => refusedByPolicy(e) || /partition value/.test(String((e as { cause?: Error }).cause?.message)));
    // Read back as the owner: Globex's data is as it was.
    const { orgs, people } = await asOwner(async (db) => ({ orgs: await globexOrgs(db), people: await db.select().from(users).where(eq(users.tenantId, globex.id)) }));
    expect(orgs.length).toBeGreaterThan(0);
    expect(orgs.some((o) => o.name === 'Taken over' || o.name === 'Planted')).toBe(false);
    expect(people.length).toBeGreaterThan(0);
  });

  it('a connection reused after Acme’s request carries no tenant into the next one', async () => {
    const single = test.app === test.handle ? app : await openDatabase({ databaseUrl: appUrl(), poolSize: 1 });
    try {
      expect((await withTenant(single.db, acme.id, (db) => db.select().from(users))).length).toBeGreaterThan(0);
      expect(rowsOf<{ t: string | null }>(await single.db.execute(sql`select nullif(current_setting('app.tenant_id', true), '') as t`))[0]?.t ?? null).toBeNull();
      expect(await single.db.select().from(users)).toHaveLength(0);
    } finally {
      if (single !== app) await single.close();
    }
  });

  it('a reseller reads the master catalog but cannot change it', async () => {
    await withTenant(app.db, acme.id, async (db) => {
      expect((await db.select().from(products)).length).toBeGreaterThan(0);
      expect(await db.update(products).set({ featured: true }).where(eq(products.tenantId, northwind.id)).returning()).toHaveLength(0);
    });
    await withTenant(app.db, northwind.id, async (db) => {
      expect(await db.update(products).set({ featured: true }).where(and(eq(products.tenantId, northwind.id), eq(products.slug, 'keeper-business'))).returning()).toHaveLength(1);
    });
  });

  it('the distributor reads across its resellers only on the reviewed path, and never writes there', async () => {
    expect(await withTenant(app.db, northwind.id, (db) => globexOrgs(db))).toHaveLength(0);
    expect((await asDistributor(app.db, northwind, (db) => globexOrgs(db))).length).toBeGreaterThan(0);
    expect(await asDistributor(app.db, northwind, (db) => db.update(organizations).set({ name: 'x' }).where(eq(organizations.tenantId, globex.id)).returning())).toHaveLength(0);
    await expect(asDistributor(app.db, acme, async () => 1)).rejects.toThrow(/only the distributor/);
  });

  it('a tenant id that is not a UUID never reaches the database', async () => {
    await expect(withTenant(app.db, "x'; set role postgres; --", async () => 1)).rejects.toThrow(/not a tenant id/);
  });

  it('every table in the schema has row-level security enabled and forced, with a policy', async () => {
    const rows = rowsOf<{ relname: string; enabled: boolean; forced: boolean; policies: number }>(
      await app.db.execute(sql`
        select c.relname, c.relrowsecurity as enabled, c.relforcerowsecurity as forced,
               (select count(*)::int from pg_policy p where p.polrelid = c.oid) as policies
        from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and c.relkind = 'r' and c.relname not like 'pg_dist%'`),
    );
    expect(rows.length).toBeGreaterThan(15);
    expect(rows.filter((r) => !r.enabled || !r.forced || r.policies < 2).map((r) => r.relname)).toEqual([]);
  });
});

describe(`start-up refuses a connection that row-level security would not bind (${driverName})`, () => {
  it('a superuser connection is refused', async () => {
    const owner = test.app === test.handle ? await openDatabase({ pgliteDir: 'memory://' }) : test.handle;
    try {
      await expect(assertRowLevelSecurityApplies(owner)).rejects.toThrow(/superuser/);
    } finally {
      if (owner !== test.handle) await owner.close();
    }
  });
});

function appUrl(): string {
  const url = new URL(process.env.DATABASE_URL!);
  url.username = APP_ROLE;
  url.password = '';
  url.pathname = rowsDbName;
  return url.toString();
}
let rowsDbName = '';
beforeAll(async () => {
  if (test.app !== test.handle) {
    const [row] = rowsOf<{ db: string }>(await test.handle.db.execute(sql`select current_database() as db`));
    rowsDbName = `/${row!.db}`;
  }
});
