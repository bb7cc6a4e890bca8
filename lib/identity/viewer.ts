import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { cookieValue } from '../http/cookies';
import { TtlLru } from '../tenancy/lru';
import type { Db } from '../db/client';
import { memberships, organizations } from '../db/schema';
import type { Viewer } from './access';
import { findSession } from './auth';
import { sessionCookieName } from './cookies';

// Session tokens are ids of letters, digits and hyphens (Auth.js makes UUIDs); anything else in
// the cookie (a NUL, which PostgreSQL refuses in text; megabytes of junk) is nobody, not a query.
const SESSION_TOKEN = /^[A-Za-z0-9_-]{16,200}$/;

/** The Auth.js session token from a Cookie header, under the one name valid on this origin. */
export function sessionTokenFrom(cookieHeader: string | null, origin: string): string | null {
  const token = cookieValue(cookieHeader, sessionCookieName(origin));
  return token && SESSION_TOKEN.test(token) ? token : null;
}

// Signed-in pages look the person up on every request; a few seconds of memory spare the
// database most of those reads. Keyed by tenant and a hash of the token (never the token itself),
// bounded, and dropped in this process on sign-out and on any change of the person's roles or
// organisations (their names are kept with the roles);
// another app server notices such a change within the entry's lifetime (VIEWER_CACHE_TTL_MS).
const KEY = Symbol.for('channelfront.viewerCache');
type Entry = { viewer: Viewer; expires: number };
function cache(): TtlLru<string, Entry> {
  const holder = globalThis as { [KEY]?: TtlLru<string, Entry> };
  holder[KEY] ??= new TtlLru<string, Entry>(20_000, VIEWER_CACHE_TTL_MS);
  return holder[KEY];
}
export const VIEWER_CACHE_TTL_MS = 5_000;
const cacheKey = (tenantId: string, token: string) => `${tenantId}:${createHash('sha256').update(token).digest('base64url')}`;

/** Forgets cached people of a tenant (all, or one session's): their roles or session changed. */
export function forgetViewers(tenantId: string, sessionToken?: string): void {
  if (sessionToken) cache().deleteWhere((_v, key) => key === cacheKey(tenantId, sessionToken));
  else cache().deleteWhere((v) => v.viewer.tenantId === tenantId);
}

/** The person behind the token as looked up in the last few seconds, without asking the database. */
export function recentViewer(tenantId: string, sessionToken: string | null, now = Date.now()): Viewer | null {
  if (!sessionToken || !SESSION_TOKEN.test(sessionToken)) return null;
  const hit = cache().get(cacheKey(tenantId, sessionToken));
  return hit && hit.expires > now ? hit.viewer : null;
}

/**
 * Who is signed in on this storefront. A session of another storefront (a copied cookie) or an
 * expired one is nobody.
 */
export async function loadViewer(db: Db, tenantId: string, sessionToken: string | null, now = Date.now()): Promise<Viewer | null> {
  if (!sessionToken || !SESSION_TOKEN.test(sessionToken)) return null;
  const recent = recentViewer(tenantId, sessionToken, now);
  if (recent) return recent;
  const key = cacheKey(tenantId, sessionToken);
  const session = await findSession(db, tenantId, sessionToken);
  if (!session) return null;
  const roles = await db
    .select({ id: memberships.id, role: memberships.role, organizationId: memberships.organizationId, organizationName: organizations.name })
    .from(memberships)
    .leftJoin(organizations, and(eq(organizations.tenantId, memberships.tenantId), eq(organizations.id, memberships.organizationId)))
    .where(and(eq(memberships.tenantId, tenantId), eq(memberships.userId, session.user.id)));
  const viewer = { tenantId, userId: session.user.id, email: session.user.email, name: session.user.name, memberships: roles };
  // Only read back after commit could make this stale; a rolled-back write never reaches here.
  cache().set(key, { viewer, expires: session.expires.getTime() });
  return viewer;
}
