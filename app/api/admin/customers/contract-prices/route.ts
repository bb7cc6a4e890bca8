import { guardedRoute } from '@/lib/identity/guard';
import { contractInput, setContractPrice } from '@/lib/reselling/contracts';

export const dynamic = 'force-dynamic';

/** A reseller admin sets (or removes, with no amount) a customer's contract price for a plan. */
export const POST = guardedRoute({ permission: 'commerce:manage', input: contractInput }, async ({ db, tenant, input }) => {
  await setContractPrice(db, tenant, input);
  return { notice: 'saved' };
});
