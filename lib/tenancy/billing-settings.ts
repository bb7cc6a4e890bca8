import { eq, sql } from 'drizzle-orm';
import { electronicFormatIBAN, isValidBIC, isValidIBAN } from 'ibantools';
import { z } from 'zod';
import type { Db } from '../db/client';
import { tenants, type BankDetails } from '../db/schema';
import { invalidInput } from '../errors';
import { isCountryCode } from '../input/countries';
import { checkbox } from '../input/fields';
import { checkTaxId, TAX_ID_EXAMPLES, vatPrefix } from '../input/tax-ids';
import { tenantChanged } from './invalidate';
import type { Tenant } from './types';

const text = (max: number) => z.string().trim().max(max, `must be at most ${max} characters`);

/** The seller's invoicing details and bank account, as the portal's form posts them (every field sent). */
export const billingSettingsInput = z.strictObject({
  country: z.string().trim().toUpperCase().refine((c) => c === '' || isCountryCode(c), 'choose a country from the list'),
  vatNumber: text(40),
  accountHolder: text(120),
  iban: text(42),
  bic: text(11),
  accountNumber: text(34),
  bankCode: text(20),
  bankName: text(80),
  provisionBeforePayment: checkbox,
});

export type BillingSettingsInput = z.output<typeof billingSettingsInput>;

/**
 * Saves how the storefront invoices and is paid by transfer, as a whole: any problem refuses all
 * of it with every problem named. Bank details left empty stop bank transfer being offered; an
 * account is an IBAN (with its BIC, if given, checked) or an account number with its bank code.
 */
export async function saveBillingSettings(db: Db, tenant: Tenant, input: BillingSettingsInput): Promise<void> {
  const problems: string[] = [];
  let vatNumber: string | null = null;
  if (input.vatNumber) {
    if (!input.country) problems.push('vatNumber: choose the store’s country first, so the number can be checked');
    else {
      const checked = checkTaxId(input.country, input.vatNumber);
      if (checked.ok) vatNumber = checked.value;
      else problems.push(`vatNumber: not a valid VAT number of ${input.country} (for example ${TAX_ID_EXAMPLES[input.country] ?? `${vatPrefix(input.country)}…`})`);
    }
  }
  const account = [input.accountHolder, input.iban, input.bic, input.accountNumber, input.bankCode, input.bankName].some(Boolean);
  let bankDetails: BankDetails | null = null;
  if (account) {
    const iban = input.iban ? electronicFormatIBAN(input.iban) : null;
    const bic = input.bic ? input.bic.replace(/\s/g, '').toUpperCase() : null;
    if (!input.accountHolder) problems.push('accountHolder: the name the account is held in');
    if (iban && !isValidIBAN(iban)) problems.push('iban: not a valid IBAN (check for a typo: its check digits do not match)');
    if (bic && !isValidBIC(bic)) problems.push('bic: not a valid BIC (8 or 11 letters and digits, such as COBADEFFXXX)');
    if (!iban && !(input.accountNumber && input.bankCode)) problems.push('iban: an IBAN, or an account number with its bank code');
    bankDetails = { accountHolder: input.accountHolder, iban, bic, accountNumber: input.accountNumber || null, bankCode: input.bankCode || null, bankName: input.bankName || null };
  }
  if (input.provisionBeforePayment && !account) problems.push('provisionBeforePayment: set the bank account first (bank transfer is offered only with one)');
  if (problems.length) throw invalidInput(`Some settings are not valid: ${problems.join('; ')}`, problems);
  await db
    .update(tenants)
    .set({ country: input.country || null, vatNumber, bankDetails, provisionBeforePayment: input.provisionBeforePayment, updatedAt: sql`now()` })
    .where(eq(tenants.id, tenant.id));
  await tenantChanged(db, tenant.id);
}
