import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { decimalToMinor } from '../money';
import type { Db } from '../db/client';
import { tenants } from '../db/schema';
import { DomainError } from '../errors';
import { SUPPORTED_LOCALES } from '../i18n/locales';
import { checkbox } from '../input/fields';
import { parseTaxRates, TAX_RATES_FORMAT } from './commerce';
import { tenantChanged } from './invalidate';
import { updateTenantSettings } from './settings';
import type { Tenant } from './types';

const codes = (pattern: RegExp, example: string) =>
  z
    .string()
    .trim()
    .max(200)
    .transform((text) => [...new Set(text.split(/[\s,;]+/).filter(Boolean).map((c) => c.toUpperCase()))])
    .refine((list) => list.every((c) => pattern.test(c)), `list codes separated by commas, such as ${example}`);

/**
 * The settings form as it is posted: languages arrive as one checkbox each (`locale_de`), so they
 * are gathered here; everything else is a field of its own. Every field must be sent (the form
 * saves the settings as a whole): a language box that is not sent at all leaves the languages
 * "missing" rather than switching that language off.
 */
export const storeSettingsInput = z.preprocess(
  (raw) => {
    if (!raw || typeof raw !== 'object') return raw;
    const fields = { ...(raw as Record<string, unknown>) };
    if (!('locales' in fields)) {
      const boxes = SUPPORTED_LOCALES.map((l) => [l, checkbox.safeParse(fields[`locale_${l}`])] as const);
      fields.locales = boxes.every(([, box]) => box.success) ? boxes.filter(([, box]) => box.data === true).map(([l]) => l) : undefined;
    }
    for (const l of SUPPORTED_LOCALES) delete fields[`locale_${l}`];
    return fields;
  },
  z.strictObject({
    name: z.string().trim().min(2, 'must be at least 2 characters').max(80, 'must be at most 80 characters'),
    contactEmail: z.union([z.literal(''), z.email('must be an email address such as hello@example.com').max(254)]),
    legalAddress: z.string().trim().max(500, 'must be at most 500 characters'),
    locales: z.array(z.enum(SUPPORTED_LOCALES)).min(1, 'enable at least one language'),
    defaultLocale: z.enum(SUPPORTED_LOCALES, { error: `must be one of ${SUPPORTED_LOCALES.join(', ')}` }),
    currencies: codes(/^[A-Z]{3}$/, 'EUR, USD').pipe(z.array(z.string()).min(1, 'enable at least one currency')),
    defaultCurrency: z.string().trim().toUpperCase().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as EUR'),
    taxRates: z.string().trim().max(2000),
    onAccountDefault: checkbox,
    defaultCreditLimit: z.string().trim().max(20),
  }),
);

export type StoreSettingsInput = z.output<typeof storeSettingsInput>;

/**
 * Saves the storefront's settings as a whole: any invalid field refuses all of it (the caller's
 * transaction rolls back), with every problem named at once.
 */
export async function saveStoreSettings(db: Db, tenant: Tenant, input: StoreSettingsInput): Promise<void> {
  const problems: string[] = [];
  const taxRates = parseTaxRates(input.taxRates);
  if (!taxRates) problems.push(`taxRates: write ${TAX_RATES_FORMAT}`);
  const limit = decimalToMinor(input.defaultCreditLimit || '0', input.defaultCurrency);
  if (limit === null || limit < 0) problems.push(`defaultCreditLimit: an amount in ${input.defaultCurrency} such as 5000.00`);
  if (!input.locales.includes(input.defaultLocale)) problems.push(`defaultLocale: "${input.defaultLocale}" is not among the enabled languages`);
  if (!input.currencies.includes(input.defaultCurrency)) problems.push(`defaultCurrency: "${input.defaultCurrency}" is not among the enabled currencies`);
  if (problems.length) throw new DomainError('invalid_input', `Some settings are not valid: ${problems.join('; ')}`, { fields: problems });
  await updateTenantSettings(db, tenant.id, {
    name: input.name,
    locales: input.locales,
    defaultLocale: input.defaultLocale,
    currencies: input.currencies,
    defaultCurrency: input.defaultCurrency,
  });
  await db
    .update(tenants)
    .set({
      contactEmail: input.contactEmail || null,
      legalAddress: input.legalAddress || null,
      taxRates: taxRates!,
      onAccountDefault: input.onAccountDefault,
      defaultCreditLimit: limit!,
      updatedAt: sql`now()`,
    })
    .where(eq(tenants.id, tenant.id));
  await tenantChanged(db, tenant.id);
}
