import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { countryCode } from '../input/countries';
import type { Db } from '../db/client';
import { organizations, resaleLicensees } from '../db/schema';
import { DomainError } from '../errors';
import type { Tenant } from '../tenancy/types';

export const licenseeInput = z.object({
  organizationId: z.uuid(),
  name: z.string().trim().min(2, 'at least 2 characters').max(120),
  country: countryCode,
  contactEmail: z.string().trim().toLowerCase().email('a valid email address'),
  taxId: z.string().trim().max(40).optional().transform((v) => v || null),
});

/** A reseller company adds an end customer it buys for (reselling must be enabled for it). */
export async function createLicensee(db: Db, tenant: Tenant, input: z.output<typeof licenseeInput>) {
  const [org] = await db.select().from(organizations).where(and(eq(organizations.tenantId, tenant.id), eq(organizations.id, input.organizationId)));
  if (!org) throw new DomainError('not_found');
  if (!org.resellingEnabled) throw new DomainError('reselling_required');
  const [row] = await db
    .insert(resaleLicensees)
    .values({ tenantId: tenant.id, organizationId: org.id, name: input.name, country: input.country, contactEmail: input.contactEmail, taxId: input.taxId })
    .onConflictDoNothing()
    .returning();
  if (!row) throw new DomainError('licensee_exists', `You already have a licensee named "${input.name}".`);
  return row;
}

export async function listLicensees(db: Db, tenantId: string, organizationId: string) {
  return db
    .select()
    .from(resaleLicensees)
    .where(and(eq(resaleLicensees.tenantId, tenantId), eq(resaleLicensees.organizationId, organizationId)))
    .orderBy(resaleLicensees.name);
}
