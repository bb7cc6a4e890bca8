import { guardedRoute } from '@/lib/identity/guard';
import { changeListing, listingInput } from '@/lib/reselling/listing';

export const dynamic = 'force-dynamic';

/** A reseller admin lists all or selected products, hides or shows one: published at once. */
export const POST = guardedRoute({ permission: 'commerce:manage', input: listingInput }, async ({ db, tenant, input }) => {
  await changeListing(db, tenant, input);
  return { notice: 'saved' };
});
