import { openDatabase, type DbHandle } from './client';
import { migrate } from './migrate';

/**
 * The database as its owner, for the command-line tasks that administer it (migrations, seeds,
 * catalog imports): DATABASE_OWNER_URL, else DATABASE_URL, else the embedded PGlite (migrated
 * here, as the app does on start). The app itself never connects this way.
 */
export async function openOwnerDatabase(): Promise<DbHandle> {
  const databaseUrl = process.env.DATABASE_OWNER_URL || process.env.DATABASE_URL || undefined;
  const handle = await openDatabase({ databaseUrl });
  if (handle.driver === 'pglite') await migrate(handle);
  return handle;
}
