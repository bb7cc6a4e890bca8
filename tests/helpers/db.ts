import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { migrate, openDatabase, type DbHandle } from '@/lib/db';

export interface TestDatabase {
  handle: DbHandle;
  /** Closes the connection and, on a server, drops the test's own database. */
  drop(): Promise<void>;
}

/**
 * A fresh, migrated database for one test file: in-memory PGlite by default, or, when
 * DATABASE_URL is set, a database of its own on that server, created here and dropped afterwards
 * so parallel runs never see each other's rows.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    const handle = await openDatabase({ pgliteDir: 'memory://' });
    await migrate(handle);
    return { handle, drop: () => handle.close() };
  }
  const name = `cf_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ databaseUrl: url.toString() });
  await migrate(handle);
  return {
    handle,
    async drop() {
      await handle.close();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

export const driverName = process.env.DATABASE_URL ? 'postgres' : 'pglite';
