import { sql } from 'drizzle-orm';
import type { Db } from '@/lib/db';
import { rowsOf } from '@/lib/db/rows';

// Columns that differ between two saves of the same content: a rule deleted and written again gets
// a new id; a save stamps its time. What a row says is everything else.
const NOT_CONTENT = ['id', 'created_at', 'updated_at'];

/**
 * What the database holds, table by table (a digest of every row but its ids and timestamps), read
 * as the owner so row-level security hides nothing. Two snapshots are equal exactly when no stored
 * row's content changed in between.
 */
export async function snapshot(db: Db): Promise<Record<string, string>> {
  const tables = rowsOf<{ name: string }>(await db.execute(sql`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`));
  const strip = sql.raw(NOT_CONTENT.map((c) => `- '${c}'`).join(' '));
  const parts = tables.map(
    ({ name }) => sql`select ${name}::text as name, md5(coalesce(string_agg(r, ',' order by r), '')) as digest from (select (to_jsonb(t) ${strip})::text as r from ${sql.identifier(name)} t) rows`,
  );
  const rows = rowsOf<{ name: string; digest: string }>(await db.execute(sql.join(parts, sql` union all `)));
  return Object.fromEntries(rows.map((r) => [r.name, r.digest]));
}

/** The tables whose content differs between two snapshots. */
export function changedTables(before: Record<string, string>, after: Record<string, string>): string[] {
  return Object.keys({ ...before, ...after }).filter((name) => before[name] !== after[name]);
}
