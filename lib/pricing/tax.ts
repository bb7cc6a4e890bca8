import { isEuCountry, vatPrefix } from '../input/tax-ids';
import type { Tenant } from '../tenancy/types';

export interface TaxCase {
  /** The seller's country; unknown, nothing is treated as cross-border. */
  sellerCountry: string | null;
  buyerCountry: string;
  /** The buyer's VAT number, as stored (checked when it was entered), or null. */
  buyerTaxId: string | null;
  /** The storefront's rate per buyer country, basis points; an unlisted country pays none. */
  rates: Record<string, number>;
}

export interface TaxOutcome {
  basisPoints: number;
  /** EU B2B across a border: no VAT charged, the buyer accounts for it (Art. 196 VAT Directive). */
  reverseCharge: boolean;
}

/**
 * The one tax rule of an order and its invoice (services supplied electronically):
 * - a buyer in the seller's own country pays that country's rate;
 * - a business in an EU country other than the seller's, with a VAT number of its country, is
 *   reverse-charged: 0 %, and the buyer accounts for the VAT (the place of supply is the buyer's
 *   country, whether the seller is in another member state or outside the EU);
 * - everyone else pays the rate the storefront set for the buyer's country (an EU consumer its
 *   country's rate under the OSS; outside the EU usually none).
 * Without the seller's country nothing counts as cross-border.
 */
export function taxFor({ sellerCountry, buyerCountry, buyerTaxId, rates }: TaxCase): TaxOutcome {
  const rate = rates[buyerCountry] ?? 0;
  if (!sellerCountry || sellerCountry === buyerCountry) return { basisPoints: rate, reverseCharge: false };
  const euBusiness = isEuCountry(buyerCountry) && !!buyerTaxId && buyerTaxId.startsWith(vatPrefix(buyerCountry));
  return euBusiness ? { basisPoints: 0, reverseCharge: true } : { basisPoints: rate, reverseCharge: false };
}

/** The rule for an organisation buying on a storefront. */
export function organizationTax(tenant: Pick<Tenant, 'country' | 'taxRates'>, org: { country: string; taxId: string | null }): TaxOutcome {
  return taxFor({ sellerCountry: tenant.country, buyerCountry: org.country, buyerTaxId: org.taxId, rates: tenant.taxRates });
}
