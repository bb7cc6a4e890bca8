import { guardedRoute } from '@/lib/identity/guard';
import { uuid } from '@/lib/identity/forms';
import { invite, inviteInput } from '@/lib/identity/organizations';

export const dynamic = 'force-dynamic';

/** A customer admin invites a colleague by email (the mail is in the storefront's language). */
export const POST = guardedRoute(
  { permission: 'organization:manage', input: inviteInput.extend({ organizationId: uuid }), organization: (i) => i.organizationId },
  async ({ db, tenant, viewer, input, origin }) => {
    const { organizationId, ...fields } = input;
    await invite(db, { tenant, viewer: viewer, organizationId, input: fields, origin, signInPath: '/signin', locale: tenant.defaultLocale });
    return { notice: 'invited' };
  },
);
