import { hostnameInput, setPrimaryDomain } from '@/lib/domains';
import { guardedRoute } from '@/lib/identity/guard';

export const dynamic = 'force-dynamic';

/** Makes a verified domain the storefront's primary one (its other custom domains redirect to it). */
export const POST = guardedRoute({ permission: 'domains:manage', input: hostnameInput }, async ({ db, tenant, input }) => {
  await setPrimaryDomain(db, tenant, input.hostname);
  return { notice: 'saved' };
});
