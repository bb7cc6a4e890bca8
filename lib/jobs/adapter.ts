import { sql, type SQL } from 'drizzle-orm';
import type { Db as IDatabase } from 'pg-boss';
import type { Db } from '../db/client';
import { rowsOf } from '../db/rows';

/**
 * pg-boss statements run inside one of our transactions, so a job is enqueued in the same
 * transaction as the state change that needs it: both commit, or neither. pg-boss writes
 * `$1, $2…` placeholders; each becomes a bound parameter of the transaction's driver.
 */
export function transactionAdapter(tx: Db): IDatabase {
  return {
    async executeSql(text: string, values: unknown[] = []) {
      const parts = text.split(/\$(\d+)/);
      const chunks: SQL[] = parts.map((part, i) => (i % 2 ? sql`${values[Number(part) - 1]}` : sql.raw(part)));
      return { rows: rowsOf(await tx.execute(sql.join(chunks))) };
    },
  };
}

/**
 * pg-boss on the embedded PGlite (STACK.md): parameterised statements go through `query`, its
 * multi-statement schema scripts through `exec`.
 */
export function pgliteAdapter(client: import('@electric-sql/pglite').PGlite): IDatabase {
  return {
    async executeSql(text: string, values?: unknown[]) {
      if (values?.length) return { rows: (await client.query(text, values)).rows };
      // Every statement's result, as node-postgres gives them for a multi-statement query (pg-boss
      // reads rows from more than the last one, e.g. the advisory lock of its maintenance claim).
      const results = await client.exec(text);
      return (results.length === 1 ? { rows: results[0]!.rows } : results) as unknown as { rows: unknown[] };
    },
  };
}
