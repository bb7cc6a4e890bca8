import { DomainError } from '@/lib/errors';
import { guardedRoute } from '@/lib/identity/guard';
import { savePricing } from '@/lib/pricing/markups';
import { ChangeError, pricingChangeInput, readChange } from '@/lib/pricing/simulator';

export const dynamic = 'force-dynamic';

/**
 * A reseller admin saves the change the simulator showed: published at once, or refused with the
 * plans it would sell below cost named and nothing saved. Back on the pricing page without the
 * proposal, which now is today's prices.
 */
export const POST = guardedRoute({ permission: 'commerce:manage', input: pricingChangeInput }, async ({ db, tenant, input, returnTo }) => {
  await savePricing(db, tenant, () => {
    try {
      return readChange(input);
    } catch (error) {
      if (error instanceof ChangeError) throw new DomainError('invalid_input', error.message, error.problems);
      throw error;
    }
  });
  return { redirect: `${returnTo.split('?')[0]}?notice=pricesPublished` };
});
