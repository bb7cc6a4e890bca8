import { guardedRoute } from '@/lib/identity/guard';
import { createOrganization, organizationInput } from '@/lib/identity/organizations';

export const dynamic = 'force-dynamic';

/** A signed-in visitor creates a customer organisation on this storefront and becomes its admin. */
export const POST = guardedRoute({ permission: 'organization:create', input: organizationInput }, async ({ db, tenant, viewer, input }) => {
  const org = await createOrganization(db, tenant, viewer, input);
  return { notice: 'created', json: { id: org.id } };
});
