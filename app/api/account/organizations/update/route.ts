import { guardedRoute } from '@/lib/identity/guard';
import { uuid } from '@/lib/identity/forms';
import { organizationUpdate, updateOrganization } from '@/lib/identity/organizations';

export const dynamic = 'force-dynamic';

export const POST = guardedRoute(
  { permission: 'organization:manage', input: organizationUpdate.extend({ organizationId: uuid }), organization: (i) => i.organizationId },
  async ({ db, tenant, input }) => {
    const { organizationId, ...fields } = input;
    await updateOrganization(db, tenant, organizationId, fields);
    return { notice: 'saved' };
  },
);
