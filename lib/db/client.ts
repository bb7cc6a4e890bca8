import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { Admission } from './admission';
import * as schema from './schema';

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

export interface DbHandle {
  db: Db;
  /** `pglite` (embedded, one process per data directory) or `postgres` (a server). */
  driver: 'pglite' | 'postgres';
  close(): Promise<void>;
  /** PGlite only (one connection): from now on act as `role`; see lib/db/roles.ts. */
  setRole?(role: string): Promise<void>;
  /** PGlite only: how requests take their turn on its one connection (lib/db/admission.ts, `admitRequest`). */
  admission?: import('./admission').Admission;
  /** How the job queue reaches the same database (lib/jobs): PGlite's one client, or the server's URL. */
  jobs: { kind: 'pglite'; client: import('@electric-sql/pglite').PGlite } | { kind: 'postgres'; url: string; role?: string };
  /** Calls `onMessage` for each NOTIFY on the channel (PostgreSQL server only; PGlite is one process). */
  listen?(channel: string, onMessage: (payload: string) => void): Promise<void>;
}

export interface OpenOptions {
  /** postgres://… uses a server; otherwise PGlite. */
  databaseUrl?: string;
  /** PGlite data directory, or `memory://` for an in-memory database. */
  pgliteDir?: string;
  /** postgres only: every connection acts as this role (SET ROLE at connection start). */
  role?: string;
  poolSize?: number;
  /** PGlite only: the longest a request waits for its turn before it is refused (lib/db/admission.ts). */
  queueBudgetMs?: number;
}

export function defaultPgliteDir(): string {
  return process.env.PGLITE_DIR || path.join(process.cwd(), '.data', 'pglite');
}

export async function openDatabase(options: OpenOptions = {}): Promise<DbHandle> {
  if (options.databaseUrl) {
    if (!/^postgres(ql)?:\/\//.test(options.databaseUrl)) {
      throw new Error(`DATABASE_URL must start with postgres:// (got "${options.databaseUrl.slice(0, 20)}…")`);
    }
    const { default: postgres } = await import('postgres');
    const { drizzle } = await import('drizzle-orm/postgres-js');
    const client = postgres(options.databaseUrl, {
      max: options.poolSize ?? 10,
      onnotice: () => {},
      ...(options.role ? { connection: { role: options.role } } : {}),
    });
    const db = drizzle({ client, schema }) as unknown as Db;
    return {
      db,
      driver: 'postgres',
      jobs: { kind: 'postgres', url: options.databaseUrl, ...(options.role ? { role: options.role } : {}) },
      close: () => client.end({ timeout: 5 }),
      listen: async (channel, onMessage) => {
        await client.listen(channel, onMessage);
      },
    };
  }
  const dir = options.pgliteDir ?? defaultPgliteDir();
  const { PGlite } = await import('@electric-sql/pglite');
  const { drizzle } = await import('drizzle-orm/pglite');
  // PGlite does not create missing parent folders of its data directory.
  if (!dir.startsWith('memory://')) mkdirSync(path.dirname(dir), { recursive: true });
  // pg_trgm: storefront search corrects misspelt words by trigram similarity (drizzle/0008).
  const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
  const client = new PGlite(dir, { extensions: { pg_trgm } });
  await client.waitReady;
  givesTheLoopTurns(client);
  // A few requests at a time: enough to overlap one's waiting (a vendor, a mail) with another's statements.
  const admission = new Admission({ budgetMs: options.queueBudgetMs ?? 2_000, slots: 8 });
  const db = drizzle({ client, schema }) as unknown as Db;
  return {
    db,
    driver: 'pglite',
    admission,
    jobs: { kind: 'pglite', client },
    close: async () => {
      admission.close();
      await client.close();
    },
    setRole: async (role) => {
      if (!/^[a-z_][a-z0-9_]*$/.test(role)) throw new Error(`not a role name: ${role}`);
      await client.exec(`set role ${role}`);
    },
  };
}

/**
 * PGlite runs a statement when the one before it has answered, in that answer's promise callback;
 * with statements queued the thread goes from one to the next without reading a request or firing
 * a timer (the benchmark saw the event loop held for seconds at a time, requests waiting before
 * they ever reached the admission). A statement that finds the loop has had no turn for
 * TURN_EVERY_MS first lets it take one (setImmediate), so requests keep arriving, the admission
 * sees them and refuses what it cannot serve in time (lib/db/admission.ts), and timers fire. Not
 * before every statement: a turn each time hands the thread to newcomers so often that the
 * requests already admitted crawl. Transactions' statements are covered too.
 */
const TURN_EVERY_MS = 10;

function givesTheLoopTurns(client: import('@electric-sql/pglite').PGlite): void {
  let lastTurn = performance.now();
  const turn = async () => {
    if (performance.now() - lastTurn < TURN_EVERY_MS) return;
    await new Promise<void>((resolve) => setImmediate(resolve));
    lastTurn = performance.now();
  };
  const wrap = (target: { query: (...args: never[]) => Promise<unknown>; exec: (...args: never[]) => Promise<unknown> }) => {
    for (const method of ['query', 'exec'] as const) {
      const original = target[method].bind(target) as (...args: unknown[]) => Promise<unknown>;
      (target as Record<string, unknown>)[method] = async (...args: unknown[]) => {
        await turn();
        return original(...args);
      };
    }
  };
  wrap(client as never);
  const transaction = client.transaction.bind(client);
  client.transaction = ((fn: (tx: never) => Promise<unknown>) => transaction((tx) => {
    wrap(tx as never);
    return fn(tx as never);
  })) as typeof client.transaction;
}
