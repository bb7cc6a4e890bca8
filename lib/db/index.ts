import { sql } from 'drizzle-orm';
import { settings } from '../config/settings';
import { openDatabase, type Db, type DbHandle } from './client';
import { migrate } from './migrate';
import { APP_ROLE, assertRowLevelSecurityApplies } from './roles';
import { withTenant } from './tenant';

export type { Db, DbHandle } from './client';
export { openDatabase } from './client';
export { migrate } from './migrate';
export { withTenant, asDistributor } from './tenant';

// One handle per process, shared through globalThis: the proxy and the app are separate bundles
// in the same process, and two PGlite instances on one directory silently lose writes.
const KEY = Symbol.for('channelfront.db');
const SETUP_KEY = Symbol.for('channelfront.db.embeddedSetup');
type Holder = { [KEY]?: Promise<DbHandle>; [SETUP_KEY]?: (db: Db) => Promise<void> };

/**
 * Work to do on the embedded database as its owner, after migrating and before the app starts
 * acting as its own role (`npm run dev` seeds the demo storefronts there; see instrumentation.ts).
 */
export function setEmbeddedSetup(setup: (db: Db) => Promise<void>): void {
  (globalThis as Holder)[SETUP_KEY] = setup;
}

/**
 * The process's database, acting as the app role that row-level security binds. With
 * `DATABASE_URL` it connects to that server (migrated separately: `npm run db:migrate`); without,
 * it opens the embedded PGlite under `.data/` and migrates it.
 */
export function getDb(): Promise<Db> {
  return getDbHandle().then((h) => h.db);
}

export function getDbHandle(): Promise<DbHandle> {
  const holder = globalThis as Holder;
  if (process.env.NEXT_PHASE === 'phase-production-build') {
    throw new Error('The database must not be opened during `next build`: a page is reading data at build time.');
  }
  holder[KEY] ??= start().catch((error: unknown) => {
    delete holder[KEY];
    throw error;
  });
  return holder[KEY];
}

async function start(): Promise<DbHandle> {
  const { databaseUrl, databasePoolSize, production, embeddedQueueMs } = settings();
  if (databaseUrl) {
    // In production the login itself must be the app's role (checked below); elsewhere a
    // superuser URL is fine for convenience and every connection acts as the app role.
    const handle = await openDatabase({ databaseUrl, poolSize: databasePoolSize, role: production ? undefined : APP_ROLE });
    if (production) await guarded(handle);
    return handle;
  }
  const handle = await openDatabase({ queueBudgetMs: embeddedQueueMs });
  await migrate(handle);
  await (globalThis as Holder)[SETUP_KEY]?.(handle.db);
  await handle.setRole!(APP_ROLE);
  if (production) await guarded(handle);
  return handle;
}

async function guarded(handle: DbHandle): Promise<void> {
  try {
    await assertRowLevelSecurityApplies(handle);
  } catch (error) {
    await handle.close();
    throw error;
  }
}

/**
 * Runs a request's use of the database once the embedded database has room for it, or refuses it
 * (`overloaded`, 503 with Retry-After) before it has done anything (lib/db/admission.ts). On a
 * PostgreSQL server it just runs.
 */
export async function admitRequest<T>(fn: () => Promise<T>): Promise<T> {
  const handle = await getDbHandle();
  return handle.admission ? handle.admission.run(fn) : fn();
}

/** `withTenant` on the process's database: the way pages and cached reads reach tenant data. */
export async function forTenant<T>(tenantId: string, fn: (tx: Db) => Promise<T>): Promise<T> {
  return withTenant(await getDb(), tenantId, fn);
}

/** Answers when the database does: the health check's question. */
export async function ping(handle: DbHandle): Promise<void> {
  await handle.db.execute(sql`select 1`);
}
