import { guardedRoute } from '@/lib/identity/guard';
import { invite, inviteInput } from '@/lib/identity/organizations';

export const dynamic = 'force-dynamic';

/** A reseller admin (or the distributor admin) invites staff to the portal. */
export const POST = guardedRoute({ permission: 'staff:manage', input: inviteInput }, async ({ db, tenant, viewer, input, origin }) => {
  await invite(db, { tenant, viewer: viewer, organizationId: null, input, origin, signInPath: '/signin', locale: tenant.defaultLocale });
  return { notice: 'invited' };
});
