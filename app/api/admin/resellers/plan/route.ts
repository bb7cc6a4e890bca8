import { now } from '@/lib/clock';
import { guardedRoute } from '@/lib/identity/guard';
import { activationInput, setCompanyPlan } from '@/lib/reselling/activation';

export const dynamic = 'force-dynamic';

/** The distributor activates, changes or cancels a company's storefront plan, without payment. */
export const POST = guardedRoute({ permission: 'resellers:manage', input: activationInput }, async ({ db, tenant, viewer, input }) => {
  const outcome = await setCompanyPlan(db, tenant, viewer, input, now());
  return { notice: 'saved', json: { outcome } };
});
