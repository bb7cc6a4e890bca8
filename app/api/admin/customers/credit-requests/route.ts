import { now } from '@/lib/clock';
import { guardedRoute } from '@/lib/identity/guard';
import { creditDecisionInput, decideCreditRequest } from '@/lib/orders/credit-requests';

export const dynamic = 'force-dynamic';

/** The storefront grants a customer's request to pay on account (with a limit) or declines it. */
export const POST = guardedRoute({ permission: 'commerce:manage', input: creditDecisionInput }, async ({ db, tenant, viewer, input }) => {
  await decideCreditRequest(db, tenant, viewer, input, now());
  return { notice: input.decision === 'grant' ? 'granted' : 'declined' };
});
