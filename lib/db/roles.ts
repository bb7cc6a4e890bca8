import { sql } from 'drizzle-orm';
import type { Db, DbHandle } from './client';
import { rowsOf } from './rows';

/** The role the app acts as (created by the migrations; drizzle/0006_row_level_security.sql). */
export const APP_ROLE = 'channelfront_app';

export interface ConnectionRole {
  currentUser: string;
  sessionUser: string;
  superuser: boolean;
  bypassRls: boolean;
  ownsTables: boolean;
}

/** Who the connection acts as, and whether row-level security binds it. */
export async function connectionRole(db: Db): Promise<ConnectionRole> {
  const [row] = rowsOf<{ current_user: string; session_user: string; superuser: boolean; bypass: boolean; owns: boolean }>(
    await db.execute(sql`
      select current_user, session_user,
        (select rolsuper from pg_roles where rolname = current_user) as superuser,
        (select rolbypassrls from pg_roles where rolname = current_user) as bypass,
        exists (select 1 from pg_tables where schemaname = 'public' and tableowner = current_user) as owns`),
  );
  if (!row) throw new Error('database: could not read the connection role');
  return { currentUser: row.current_user, sessionUser: row.session_user, superuser: row.superuser, bypassRls: row.bypass, ownsTables: row.owns };
}

/**
 * Refuses a connection that row-level security would not bind: a superuser, a BYPASSRLS role or
 * the tables' owner. On a server the login itself counts (a superuser login could RESET ROLE); the
 * embedded PGlite always logs in as its superuser and acts as the app role through SET ROLE.
 */
export async function assertRowLevelSecurityApplies(handle: DbHandle): Promise<void> {
  const role = await connectionRole(handle.db);
  const problems: string[] = [];
  if (role.superuser) problems.push(`"${role.currentUser}" is a superuser`);
  if (role.bypassRls) problems.push(`"${role.currentUser}" has BYPASSRLS`);
  if (role.ownsTables) problems.push(`"${role.currentUser}" owns the tables`);
  if (handle.driver === 'postgres' && role.sessionUser !== role.currentUser) {
    const [login] = rowsOf<{ super: boolean }>(await handle.db.execute(sql`select rolsuper as super from pg_roles where rolname = session_user`));
    if (login?.super) problems.push(`the login "${role.sessionUser}" is a superuser`);
  }
  if (problems.length) {
    throw new Error(
      `DATABASE_URL connects as a role that row-level security does not bind (${problems.join('; ')}). Connect as ${APP_ROLE} (created by the migrations: ALTER ROLE ${APP_ROLE} PASSWORD '…'), and run migrations as the owner (DATABASE_OWNER_URL).`,
    );
  }
}
