import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db/client';
import { organizations } from '../db/schema';
import { DomainError } from '../errors';
import { checkbox } from '../input/fields';
import { decimalToMinor } from '../money';
import type { Tenant } from '../tenancy/types';

export const creditInput = z.object({
  organizationId: z.uuid(),
  onAccount: checkbox,
  creditLimit: z.string().trim().max(20),
});

/** The reseller lets a customer buy on account, up to a limit in the customer's currency. */
export async function setCredit(db: Db, tenant: Tenant, input: z.output<typeof creditInput>): Promise<void> {
  const [org] = await db.select().from(organizations).where(and(eq(organizations.tenantId, tenant.id), eq(organizations.id, input.organizationId)));
  if (!org) throw new DomainError('not_found');
  const limit = decimalToMinor(input.creditLimit || '0', org.currency);
  if (limit === null) throw new DomainError('invalid_input', `The credit limit must be an amount in ${org.currency} such as 5000 or 5000.00.`, { fields: [`creditLimit: an amount in ${org.currency} such as 5000.00`] });
  await db.update(organizations).set({ onAccount: input.onAccount, creditLimit: limit }).where(and(eq(organizations.tenantId, tenant.id), eq(organizations.id, org.id)));
}
