import { guardedRoute } from '@/lib/identity/guard';
import { companyInput, createResellerCompany } from '@/lib/reselling/companies';

export const dynamic = 'force-dynamic';

/** The distributor creates a reseller company and invites its first admin. */
export const POST = guardedRoute({ permission: 'resellers:manage', input: companyInput }, async ({ db, tenant, viewer, input, origin }) => {
  const org = await createResellerCompany(db, tenant, input, { invitedBy: viewer.userId, inviter: viewer.name || viewer.email, origin, locale: tenant.defaultLocale });
  return { notice: 'created', json: { organizationId: org.id } };
});
