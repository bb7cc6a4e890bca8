import { guardedRoute } from '@/lib/identity/guard';
import { savePricing } from '@/lib/pricing/markups';
import { pricingChangeInput, readChange } from '@/lib/pricing/simulator';

export const dynamic = 'force-dynamic';

/**
 * A reseller admin saves the change the simulator showed: published at once, or refused with the
 * plans it would sell below cost named and nothing saved. Back on the pricing page without the
 * proposal, which now is today's prices.
 */
export const POST = guardedRoute({ permission: 'commerce:manage', input: pricingChangeInput }, async ({ db, tenant, input, returnTo }) => {
  await savePricing(db, tenant, () => readChange(input));
  return { redirect: `${returnTo.split('?')[0]}?notice=pricesPublished` };
});
