import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { Db } from '@/lib/db';
import { memberships, organizations, sessions, users } from '@/lib/db/schema';
import { sign, ORIGIN_HEADER, SIGNATURE_HEADER, TENANT_HEADER } from '@/lib/http/trust';
import { seedDemo } from '@/lib/seed/demo';
import { findTenantBySlug } from '@/lib/tenancy/repo';
import type { Tenant } from '@/lib/tenancy/types';
import type { PgBoss } from 'pg-boss';
import { openQueue, setQueue } from '@/lib/jobs';
import { startWorkers } from '@/lib/server/workers';
import type { Connectors } from '@/lib/provisioning';
import { demoConnector } from '@/lib/provisioning/demo';
import { httpConnector } from '@/lib/provisioning/http';
import { manualConnector } from '@/lib/provisioning/manual';
import { storefrontConnector } from '@/lib/reselling/connector';
import { createTestDatabase, type TestDatabase } from './db';

const DB_KEY = Symbol.for('channelfront.db');

const originOf = (tenant: Tenant) => `http://${tenant.kind === 'distributor' ? 'localhost' : `${tenant.slug}.localhost`}:3000`;

/**
 * A seeded database installed as the process's database (what getDb() returns), with a session
 * for each demo person, so route handlers can be called as the app would call them.
 */
export async function createWorld() {
  const test: TestDatabase = await createTestDatabase();
  let boss: PgBoss | undefined;
  let opened: Promise<PgBoss> | undefined;
  const db = test.handle.db;
  await seedDemo(db);
  (globalThis as Record<symbol, unknown>)[DB_KEY] = Promise.resolve(test.app);
  const acme = (await findTenantBySlug(db, 'acme'))!;
  const globex = (await findTenantBySlug(db, 'globex'))!;
  const northwind = (await findTenantBySlug(db, 'northwind'))!;
  await db.insert(users).values({ tenantId: acme.id, email: 'visitor@example.test', name: 'Vera Visitor' });

  const cookieFor = async (tenant: Tenant, email: string) => {
    const [user] = await db.select().from(users).where(and(eq(users.tenantId, tenant.id), eq(users.email, email)));
    const token = randomUUID();
    await db.insert(sessions).values({ tenantId: tenant.id, sessionToken: token, userId: user!.id, expires: new Date(Date.now() + 3_600_000) });
    return `authjs.session-token=${token}`;
  };
  const membershipOf = async (tenant: Tenant, email: string) => {
    const [row] = await db
      .select({ id: memberships.id })
      .from(memberships)
      .innerJoin(users, and(eq(users.tenantId, memberships.tenantId), eq(users.id, memberships.userId)))
      .where(and(eq(memberships.tenantId, tenant.id), eq(users.email, email)));
    return row!.id;
  };
  const orgId = async (tenant: Tenant, name: string) =>
    (await db.select().from(organizations).where(and(eq(organizations.tenantId, tenant.id), eq(organizations.name, name))))[0]!.id;

  return {
    db: db as Db,
    /** Makes this world's database (and its job queue, once opened) the process's (worlds can be created side by side). */
    install() {
      (globalThis as Record<symbol, unknown>)[DB_KEY] = Promise.resolve(test.app);
      if (opened) setQueue(opened);
    },
    tenants: { acme, globex, northwind },
    cookieFor,
    membershipOf,
    orgId,
    /** A request as the proxy hands it to a route handler on the tenant's host. */
    origin: originOf,
    /** A request as the proxy hands it to a route handler on the tenant's host, sent from that host's pages. */
    request(tenant: Tenant, path: string, init: { cookie?: string; body?: unknown; headers?: Record<string, string> } = {}) {
      const origin = originOf(tenant);
      return new Request(`${origin}${path}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          origin,
          [TENANT_HEADER]: tenant.id,
          [ORIGIN_HEADER]: origin,
          [SIGNATURE_HEADER]: sign(tenant.id, origin),
          ...(init.cookie ? { cookie: init.cookie } : {}),
          ...init.headers,
        },
        body: JSON.stringify(init.body ?? {}),
      });
    },
    /**
     * Opens the job queue on this world's database and, unless told otherwise, runs the workers
     * with the given connectors (by default a demo vendor that answers at once and never fails).
     */
    async startJobs(options: { connectors?: Partial<Connectors>; workers?: boolean; now?: () => Date } = {}) {
      const queue = openQueue(test.app, { supervise: options.workers !== false });
      opened = queue;
      setQueue(queue);
      boss = await queue;
      if (options.workers !== false) {
        const connectors: Connectors = { demo: demoConnector({ delayMs: 0, failureRate: 0 }), http: httpConnector({ secret: 'test-secret-test-secret-test-secret' }), manual: manualConnector(), storefront: storefrontConnector({ db: test.app.db }), ...options.connectors };
        await startWorkers(boss, { db: test.app.db, connectors, now: options.now ?? (() => new Date()) }, { schedule: false });
      }
      return boss;
    },
    /** The app's own connection (the app role on a server), for reading as the app would. */
    app: test.app,
    /** The server URL of this world's own database (null on the embedded PGlite). */
    databaseUrl: test.app.jobs.kind === 'postgres' ? test.app.jobs.url : null,
    async drop() {
      delete (globalThis as Record<symbol, unknown>)[DB_KEY];
      if (boss) await boss.stop({ graceful: false, close: true, timeout: 1000 }).catch(() => {});
      setQueue(undefined);
      await test.drop();
    },
  };
}

export type World = Awaited<ReturnType<typeof createWorld>>;
