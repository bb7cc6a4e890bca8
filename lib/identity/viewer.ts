import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { memberships } from '../db/schema';
import type { Viewer } from './access';
import { findSession } from './auth';
import { sessionCookieName } from './cookies';

/** The Auth.js session token from a Cookie header, under the one name valid on this origin. */
export function sessionTokenFrom(cookieHeader: string | null, origin: string): string | null {
  const wanted = sessionCookieName(origin);
  for (const part of (cookieHeader ?? '').split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name === wanted) {
      try {
        return decodeURIComponent(rest.join('='));
      } catch {
        return null;
      }
    }
  }
  return null;
}

/**
 * Who is signed in on this storefront. A session of another storefront (a copied cookie) or an
 * expired one is nobody.
 */
export async function loadViewer(db: Db, tenantId: string, sessionToken: string | null): Promise<Viewer | null> {
  if (!sessionToken) return null;
  const session = await findSession(db, tenantId, sessionToken);
  if (!session) return null;
  const roles = await db
    .select({ id: memberships.id, role: memberships.role, organizationId: memberships.organizationId })
    .from(memberships)
    .where(and(eq(memberships.tenantId, tenantId), eq(memberships.userId, session.user.id)));
  return { tenantId, userId: session.user.id, email: session.user.email, name: session.user.name, memberships: roles };
}
