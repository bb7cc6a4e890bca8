import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import postgres from 'postgres';
import { migrate, openDatabase, type DbHandle } from '@/lib/db';
import { APP_ROLE } from '@/lib/db/roles';

export interface TestDatabase {
  /** The owner's connection: migrations, seeds, and reading back what a test did. */
  handle: DbHandle;
  /**
   * The connection the app under test uses. On a server it acts as the app role, which row-level
   * security binds; on PGlite (one connection, a superuser) it is the same handle, and the
   * isolation tests switch roles themselves (tests/row-level-security.test.ts).
   */
  app: DbHandle;
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
    return { handle, app: handle, drop: () => handle.close() };
  }
  const name = `cf_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  const citus = process.env.CITUS_CLUSTER;
  // On a Citus cluster the database and its extension are made on every node by its script.
  if (citus) execFileSync('bash', [citus, 'start', name], { stdio: 'ignore' });
  else await admin.unsafe(`create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ databaseUrl: url.toString(), poolSize: 2 });
  await migrate(handle);
  let nodes: string[] = [];
  if (citus) {
    const owner = postgres(url.toString(), { max: 1, onnotice: () => {} });
    nodes = (await owner<{ port: number }[]>`select nodeport as port from pg_dist_node where noderole = 'primary' and nodeport <> ${Number(url.port)}`).map((n) => String(n.port));
    await owner.unsafe(readFileSync('scripts/citus-distribute.sql', 'utf8'));
    await owner.end();
  }
  // The app logs in as its own role (trust authentication on the test servers), as in production.
  const appUrl = new URL(url);
  appUrl.username = APP_ROLE;
  appUrl.password = '';
  const app = await openDatabase({ databaseUrl: appUrl.toString(), poolSize: 4 });
  return {
    handle,
    app,
    async drop() {
      await app.close();
      await handle.close();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
      for (const port of nodes) {
        const worker = new URL(serverUrl);
        worker.port = port;
        worker.pathname = '/postgres';
        const w = postgres(worker.toString(), { max: 1, onnotice: () => {} });
        await w.unsafe(`drop database if exists ${name} with (force)`);
        await w.end();
      }
    },
  };
}

export const driverName = process.env.CITUS_CLUSTER ? 'citus' : process.env.DATABASE_URL ? 'postgres' : 'pglite';
