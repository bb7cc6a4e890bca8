import { guardedRoute } from '@/lib/identity/guard';
import { createOrganization, organizationInput, viesVerdict } from '@/lib/identity/organizations';
import { currencyCookie } from '@/lib/pricing/currency';

export const dynamic = 'force-dynamic';

/**
 * A signed-in visitor creates a customer organisation on this storefront and becomes its admin.
 * Without a currency chosen yet, the storefront's pages show the organisation's from now on.
 */
export const POST = guardedRoute({ permission: 'organization:create', input: organizationInput, prepare: (i) => viesVerdict(i.country, i.taxId) }, async ({ db, tenant, viewer, input, request, prepared }) => {
  const org = await createOrganization(db, tenant, viewer, input, prepared as Date | null);
  const cookie = currencyCookie(request.headers.get('cookie'), org.currency, tenant);
  return { notice: 'created', json: { id: org.id }, cookies: cookie ? [cookie] : [] };
});
