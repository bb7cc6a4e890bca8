import { z } from 'zod';
import { can } from '@/lib/identity/access';
import { guardedRoute } from '@/lib/identity/guard';
import { uuid } from '@/lib/identity/forms';
import { removeMember } from '@/lib/identity/organizations';

export const dynamic = 'force-dynamic';

/** An admin removes a member; any member may leave; the last admin stays. */
export const POST = guardedRoute(
  { permission: 'organization:read', input: z.object({ organizationId: uuid, membershipId: uuid }), organization: (i) => i.organizationId },
  async ({ db, tenant, viewer, input, returnTo }) => {
    await removeMember(db, tenant, viewer, input.organizationId, input.membershipId, can(viewer, tenant, 'organization:manage', input.organizationId));
    const left = viewer.memberships.some((m) => m.id === input.membershipId);
    // Someone who left can no longer see the organisation: back to their account page.
    return left ? { redirect: `${returnTo.replace(/\/organizations\/[^?]*.*$/, '')}?notice=removed` } : { notice: 'removed' };
  },
);
