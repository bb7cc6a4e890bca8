import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { forgetViewers } from './viewer';
import { invitations, memberships } from '../db/schema';

/** Turns the address's open invitations on this storefront into memberships (on sign-in). */
export async function acceptInvitations(db: Db, tenantId: string, userId: string, email: string): Promise<number> {
  return db.transaction(async (tx) => {
    const open = await tx
      .select()
      .from(invitations)
      .where(and(eq(invitations.tenantId, tenantId), eq(invitations.email, email.toLowerCase()), isNull(invitations.acceptedAt), gt(invitations.expiresAt, new Date())));
    for (const invitation of open) {
      await tx
        .insert(memberships)
        .values({ tenantId, userId, organizationId: invitation.organizationId, role: invitation.role })
        .onConflictDoNothing();
      await tx.update(invitations).set({ acceptedAt: sql`now()` }).where(and(eq(invitations.tenantId, tenantId), eq(invitations.id, invitation.id)));
    }
    return open.length;
  }).then((accepted) => {
    if (accepted) forgetViewers(tenantId);
    return accepted;
  });
}
