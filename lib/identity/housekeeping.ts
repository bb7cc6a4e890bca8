import { and, isNull, lt } from 'drizzle-orm';
import type { Db } from '../db/client';
import { withTenant } from '../db/tenant';
import { invitations, rateLimits, sessions, tenants, verificationTokens } from '../db/schema';

export interface PurgeReport {
  tenants: number;
  sessions: number;
  signInTokens: number;
  invitations: number;
  rateLimits: number;
}

/**
 * Deletes what has expired by `now`: sessions, sign-in tokens, unaccepted invitations, and rate-limit
 * windows older than an hour. One tenant at a time, each in its own row-level-security scope;
 * running it twice (or on two servers at once) deletes nothing twice.
 */
export async function purgeExpired(db: Db, now: Date = new Date()): Promise<PurgeReport> {
  const ids = await db.select({ id: tenants.id }).from(tenants);
  const report: PurgeReport = { tenants: ids.length, sessions: 0, signInTokens: 0, invitations: 0, rateLimits: 0 };
  const staleWindow = new Date(now.getTime() - 60 * 60 * 1000);
  for (const { id } of ids) {
    await withTenant(db, id, async (tx) => {
      report.sessions += (await tx.delete(sessions).where(lt(sessions.expires, now)).returning({ t: sessions.sessionToken })).length;
      report.signInTokens += (await tx.delete(verificationTokens).where(lt(verificationTokens.expires, now)).returning({ t: verificationTokens.token })).length;
      report.invitations += (
        await tx.delete(invitations).where(and(lt(invitations.expiresAt, now), isNull(invitations.acceptedAt))).returning({ id: invitations.id })
      ).length;
      report.rateLimits += (await tx.delete(rateLimits).where(lt(rateLimits.windowStart, staleWindow)).returning({ k: rateLimits.key })).length;
    });
  }
  return report;
}

/** Purges every `intervalMs` in the background of a server process (never keeps it alive). */
export function schedulePurge(getDb: () => Promise<Db>, intervalMs = 15 * 60 * 1000): NodeJS.Timeout {
  const timer = setInterval(() => {
    getDb()
      .then((db) => purgeExpired(db))
      .catch((error: unknown) => console.error('housekeeping: purge failed', error));
  }, intervalMs);
  timer.unref();
  return timer;
}

