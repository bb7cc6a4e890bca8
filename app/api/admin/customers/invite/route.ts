import { z } from 'zod';
import { guardedRoute } from '@/lib/identity/guard';
import { invite } from '@/lib/identity/organizations';

export const dynamic = 'force-dynamic';

const input = z.strictObject({
  organizationId: z.uuid('is not a customer of this storefront'),
  email: z.string().trim().toLowerCase().email('a valid email address'),
  role: z.enum(['customer_admin', 'customer_member']).default('customer_admin'),
});

/**
 * The storefront's admin invites a customer's first admin (or another person) to its
 * organisation: the usual invitation mail, signed in on this storefront.
 */
export const POST = guardedRoute({ permission: 'commerce:manage', input }, async ({ db, tenant, viewer, input: { organizationId, ...person }, origin }) => {
  await invite(db, { tenant, viewer: viewer, organizationId, input: person, origin, signInPath: '/signin', locale: tenant.defaultLocale });
  return { notice: 'invited' };
});
