import { guardedRoute } from '@/lib/identity/guard';
import { organizationUpdate, updateOrganization } from '@/lib/identity/organizations';

export const dynamic = 'force-dynamic';

export const POST = guardedRoute(
  { permission: 'organization:manage', input: organizationUpdate, organization: (i) => i.organizationId },
  async ({ db, tenant, input }) => {
    const { organizationId, ...fields } = input;
    await updateOrganization(db, tenant, organizationId, fields);
    return { notice: 'saved' };
  },
);
