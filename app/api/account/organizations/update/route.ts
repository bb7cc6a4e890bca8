import { guardedRoute } from '@/lib/identity/guard';
import { organizationUpdate, updateOrganization, viesVerdict } from '@/lib/identity/organizations';

export const dynamic = 'force-dynamic';

export const POST = guardedRoute(
  { permission: 'organization:manage', input: organizationUpdate, organization: (i) => i.organizationId, prepare: (i) => viesVerdict(i.country, i.taxId) },
  async ({ db, tenant, input, prepared }) => {
    const { organizationId, ...fields } = input;
    await updateOrganization(db, tenant, organizationId, fields, prepared as Date | null);
    return { notice: 'saved' };
  },
);
