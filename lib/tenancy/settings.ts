import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db/client';
import { invalidInput } from '../errors';
import { tenants } from '../db/schema';
import { SUPPORTED_LOCALES } from '../i18n/locales';
import { isThemeName, THEME_NAMES } from '../../themes';
import { tokenOverridesSchema } from '../../themes/tokens';
import { tenantChanged } from './invalidate';
import { toTenant, type Tenant } from './types';

const currency = z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as EUR');

export const tenantSettingsSchema = z
  .strictObject({
    name: z.string().trim().min(2, 'must be at least 2 characters').max(80, 'must be at most 80 characters'),
    theme: z.string().refine(isThemeName, `must be one of ${THEME_NAMES.join(', ')}`),
    themeOverrides: tokenOverridesSchema,
    locales: z.array(z.enum(SUPPORTED_LOCALES)).min(1, 'enable at least one language'),
    defaultLocale: z.enum(SUPPORTED_LOCALES),
    currencies: z.array(currency).min(1, 'enable at least one currency'),
    defaultCurrency: currency,
  })
  .partial();

export type TenantSettingsInput = z.input<typeof tenantSettingsSchema>;

const refused = (issues: string[]) => invalidInput(`Invalid input: ${issues.join('; ')}`, issues);

/**
 * Changes a tenant's storefront settings. Input is validated as a whole against the current row
 * (a default language must stay enabled, and so on); on any error nothing is written. On success
 * every cache holding the tenant is invalidated.
 */
export async function updateTenantSettings(db: Db, tenantId: string, input: unknown): Promise<Tenant> {
  const parsed = tenantSettingsSchema.safeParse(input);
  if (!parsed.success) {
    throw refused(parsed.error.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`));
  }
  const patch = parsed.data;
  const updated = await db.transaction(async (tx) => {
    const [current] = await tx.select().from(tenants).where(eq(tenants.id, tenantId)).for('update');
    if (!current) throw refused(['tenant: not found']);
    const locales = patch.locales ?? current.locales;
    const defaultLocale = patch.defaultLocale ?? current.defaultLocale;
    const currencies = patch.currencies ?? current.currencies;
    const defaultCurrency = patch.defaultCurrency ?? current.defaultCurrency;
    const issues: string[] = [];
    if (!locales.includes(defaultLocale)) issues.push(`defaultLocale: "${defaultLocale}" is not among the enabled languages`);
    if (!currencies.includes(defaultCurrency)) issues.push(`defaultCurrency: "${defaultCurrency}" is not among the enabled currencies`);
    if (issues.length) throw refused(issues);
    const [row] = await tx
      .update(tenants)
      .set({ ...patch, updatedAt: sql`now()` })
      .where(eq(tenants.id, tenantId))
      .returning();
    return row!;
  });
  await tenantChanged(db, tenantId);
  return toTenant(updated);
}
