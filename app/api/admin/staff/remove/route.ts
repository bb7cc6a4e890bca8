import { z } from 'zod';
import { can } from '@/lib/identity/access';
import { guardedRoute } from '@/lib/identity/guard';
import { uuid } from '@/lib/identity/forms';
import { removeMember } from '@/lib/identity/organizations';

export const dynamic = 'force-dynamic';

/** An admin removes staff; staff may leave; the last admin stays. */
export const POST = guardedRoute({ permission: 'portal:access', input: z.object({ membershipId: uuid }) }, async ({ db, tenant, viewer, input }) => {
  await removeMember(db, tenant, viewer, null, input.membershipId, can(viewer, tenant, 'staff:manage'));
  return { notice: 'removed' };
});
