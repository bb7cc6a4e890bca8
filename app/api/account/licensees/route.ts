import { guardedRoute } from '@/lib/identity/guard';
import { createLicensee, licenseeInput } from '@/lib/reselling/licensees';

export const dynamic = 'force-dynamic';

/** A reseller company's admin adds a resale licensee (an end customer it orders for). */
export const POST = guardedRoute(
  { permission: 'organization:manage', input: licenseeInput, organization: (input) => input.organizationId },
  async ({ db, tenant, input }) => {
    const licensee = await createLicensee(db, tenant, input);
    return { notice: 'created', json: { id: licensee.id } };
  },
);
