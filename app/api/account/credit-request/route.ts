import { now } from '@/lib/clock';
import { guardedRoute } from '@/lib/identity/guard';
import { creditRequestInput, requestCredit } from '@/lib/orders/credit-requests';

export const dynamic = 'force-dynamic';

/** A member of a customer organisation asks the storefront to let it pay on account. */
export const POST = guardedRoute({ permission: 'organization:read', input: creditRequestInput, organization: (i) => i.organizationId }, async ({ db, tenant, viewer, input }) => {
  await requestCredit(db, tenant, viewer, input, now());
  return { notice: 'requested' };
});
