import { guardedRoute } from '@/lib/identity/guard';
import { commerceInput, setCommerce } from '@/lib/tenancy/commerce';

export const dynamic = 'force-dynamic';

/** A storefront admin sets tax rates per country and links its Stripe account. */
export const POST = guardedRoute({ permission: 'commerce:manage', input: commerceInput }, async ({ db, tenant, input }) => {
  await setCommerce(db, tenant, input);
  return { notice: 'saved' };
});
