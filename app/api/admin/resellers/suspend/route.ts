import { z } from 'zod';
import { now } from '@/lib/clock';
import { guardedRoute } from '@/lib/identity/guard';
import { setSuspended } from '@/lib/reselling/companies';

export const dynamic = 'force-dynamic';

const input = z.object({ organizationId: z.uuid(), suspended: z.enum(['true', 'false']).transform((v) => v === 'true') });

/** The distributor suspends a reseller company (its storefront answers 503) or reinstates it. */
export const POST = guardedRoute({ permission: 'resellers:manage', input }, async ({ db, tenant, input }) => {
  await setSuspended(db, tenant, input.organizationId, input.suspended, now());
  return { notice: 'saved' };
});
