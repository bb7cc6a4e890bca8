// The database client's own share of a request, without Next: a bare node:http server (started by
// bench/signed-in.ts in a process of its own, on the database the app server used) answering
// `/select-1` with the floor route's statement, and `/scoped-read` with the least a signed-in page
// reads: one row (the person's session) in a transaction that row-level security scopes to the
// tenant (BEGIN, SET LOCAL, the SELECT, COMMIT). The difference between the two is a cost every
// signed-in page pays on top of the floor, whatever it renders.
// Environment: FLOOR_PORT, FLOOR_TENANT, FLOOR_TOKEN, and PGLITE_DIR or DATABASE_URL (the app's role).
import { createServer } from 'node:http';
import { sql } from 'drizzle-orm';
import { openDatabase } from '../lib/db/client';
import { withTenant } from '../lib/db/tenant';
import { APP_ROLE } from '../lib/db/roles';
import { findSession } from '../lib/identity/auth';

const { FLOOR_PORT, FLOOR_TENANT, FLOOR_TOKEN, PGLITE_DIR, DATABASE_URL } = process.env;
const handle = await openDatabase(DATABASE_URL ? { databaseUrl: DATABASE_URL, poolSize: 20 } : { pgliteDir: PGLITE_DIR });
if (!DATABASE_URL) await handle.setRole!(APP_ROLE);
const { db } = handle;

const routes: Record<string, () => Promise<unknown>> = {
  '/select-1': async () => {
    await db.execute(sql`select 1`);
    return { status: 'ok' };
  },
  '/scoped-read': async () => {
    const row = await withTenant(db, FLOOR_TENANT!, (tx) => findSession(tx, FLOOR_TENANT!, FLOOR_TOKEN!));
    if (!row) throw new Error('the bench session is not there');
    return { user: row.user.email };
  },
};

createServer((req, res) => {
  const route = routes[req.url ?? ''];
  if (!route) return void res.writeHead(404).end();
  route().then(
    (body) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body)),
    (error: unknown) => res.writeHead(500).end(String(error)),
  );
}).listen(Number(FLOOR_PORT), () => console.log('ready'));
