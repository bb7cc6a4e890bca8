import { guardedRoute } from '@/lib/identity/guard';
import { creditInput, setCredit } from '@/lib/payments/credit';

export const dynamic = 'force-dynamic';

/** A reseller admin enables buying on account for a customer and sets its credit limit. */
export const POST = guardedRoute({ permission: 'commerce:manage', input: creditInput }, async ({ db, tenant, input }) => {
  await setCredit(db, tenant, input);
  return { notice: 'saved' };
});
