import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db/client';
import { tenants } from '../db/schema';
import { DomainError } from '../errors';
import { isCountryCode } from '../input/countries';
import { basisPointsToPercent } from '../money';
import { tenantChanged } from './invalidate';
import type { Tenant } from './types';

/** Both fields are settings of their own: one left out keeps its value (an empty one clears it). */
export const commerceInput = z.object({
  taxRates: z.string().trim().max(2000).optional(),
  stripeAccountId: z
    .string()
    .trim()
    .regex(/^(acct_[A-Za-z0-9]{1,64})?$/, 'a Stripe account id looks like acct_1A2b3C…')
    .optional(),
});

/** How tax rates are written, for the messages of every form that takes them. */
export const TAX_RATES_FORMAT = 'country=percent pairs with ISO country codes, e.g. DE=19, FR=20, GB=20';

/**
 * "DE=19, FR=20, AT=20.5" → `{ DE: 1900, FR: 2000, AT: 2050 }` (basis points); null when unreadable
 * or a code is no country's (UK for GB would never match a customer, who picks GB from the list).
 */
export function parseTaxRates(text: string): Record<string, number> | null {
  const rates: Record<string, number> = {};
  for (const part of text.split(/[,;\n]/).map((p) => p.trim()).filter(Boolean)) {
    const match = /^([A-Za-z]{2})\s*[=:]\s*(\d{1,2}(?:\.\d{1,2})?)\s*%?$/.exec(part);
    if (!match || !isCountryCode(match[1]!.toUpperCase())) return null;
    const [whole, fraction = ''] = match[2]!.split('.');
    rates[match[1]!.toUpperCase()] = Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
  }
  return rates;
}

export function formatTaxRates(rates: Record<string, number>): string {
  return Object.entries(rates)
    .map(([country, bp]) => `${country}=${basisPointsToPercent(bp)}`)
    .join(', ');
}

/** Tax rates per customer country and the connected Stripe account of this storefront. */
export async function setCommerce(db: Db, tenant: Tenant, input: z.output<typeof commerceInput>): Promise<void> {
  if (input.taxRates === undefined && input.stripeAccountId === undefined) {
    throw new DomainError('invalid_input', 'Send the tax rates, the Stripe account, or both.', { fields: ['taxRates: missing', 'stripeAccountId: missing'] });
  }
  const taxRates = input.taxRates === undefined ? undefined : parseTaxRates(input.taxRates);
  if (taxRates === null) throw new DomainError('invalid_input', `Write tax rates as ${TAX_RATES_FORMAT}.`, { fields: ['taxRates: e.g. DE=19, FR=20'] });
  try {
    const account = input.stripeAccountId === undefined ? tenant.stripeAccountId : input.stripeAccountId || null;
    // Another account than the one Stripe vouched for takes no card until Stripe says it can.
    const unchecked = account !== tenant.stripeAccountId ? { stripeAccountId: account, stripeChargesEnabled: false, stripeDetailsSubmitted: false } : {};
    await db.update(tenants).set({ ...(taxRates ? { taxRates } : {}), ...unchecked, updatedAt: new Date() }).where(eq(tenants.id, tenant.id));
  } catch (error) {
    if (/tenants_stripe_account_key/.test(String((error as { cause?: Error }).cause?.message ?? error))) {
      throw new DomainError('stripe_account_taken');
    }
    throw error;
  }
  await tenantChanged(db, tenant.id);
}
