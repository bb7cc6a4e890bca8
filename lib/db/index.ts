import { migrate } from './migrate';
import { openDatabase, type Db, type DbHandle } from './client';
import { seedDemo } from '../seed/demo';
import { listenForTenantChanges } from '../tenancy/invalidate';

export type { Db, DbHandle } from './client';
export { openDatabase } from './client';
export { migrate } from './migrate';

// One handle per process, shared through globalThis: the proxy and the app are separate bundles
// in the same process, and two PGlite instances on one directory silently lose writes.
const KEY = Symbol.for('channelfront.db');
type Holder = { [KEY]?: Promise<DbHandle> };

/**
 * The process's database. With `DATABASE_URL` it connects to that server (migrate it with
 * `npm run db:migrate`); without, it opens the embedded PGlite under `.data/`, migrating and
 * seeding the demo on first start so that `npm run dev` needs no set-up.
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
  const databaseUrl = process.env.DATABASE_URL;
  const handle = await openDatabase({ databaseUrl });
  if (handle.driver === 'pglite') {
    await migrate(handle);
    await seedDemo(handle.db);
  }
  await listenForTenantChanges(handle);
  return handle;
}
