import { hostnameInput, removeDomain } from '@/lib/domains';
import { guardedRoute } from '@/lib/identity/guard';

export const dynamic = 'force-dynamic';

/** Removes a custom domain from the storefront. */
export const POST = guardedRoute({ permission: 'domains:manage', input: hostnameInput }, async ({ db, tenant, input }) => {
  await removeDomain(db, tenant, input.hostname);
  return { notice: 'removed' };
});
