import { guardedRoute } from '@/lib/identity/guard';
import { companyUpdate, updateCompany } from '@/lib/reselling/companies';

export const dynamic = 'force-dynamic';

/** The distributor turns reselling on or off for a company and sets its partner tier. */
export const POST = guardedRoute({ permission: 'resellers:manage', input: companyUpdate }, async ({ db, tenant, input }) => {
  await updateCompany(db, tenant, input);
  return { notice: 'saved' };
});
