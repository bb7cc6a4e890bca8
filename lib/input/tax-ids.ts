import { checkVAT, countries } from 'jsvat';

/** The member states of the EU VAT area, by ISO code (Greece's VAT numbers say EL). */
export const EU_COUNTRIES: ReadonlySet<string> = new Set(
  'AT BE BG CY CZ DE DK EE ES FI FR GR HR HU IE IT LT LU LV MT NL PL PT RO SE SI SK'.split(' '),
);

export function isEuCountry(country: string | null | undefined): boolean {
  return !!country && EU_COUNTRIES.has(country);
}

/** The prefix a country's VAT numbers carry: its ISO code, except Greece's EL. */
export function vatPrefix(country: string): string {
  return country === 'GR' ? 'EL' : country;
}

export type TaxIdCheck =
  | { ok: true; value: string; eu: boolean }
  | { ok: false; problem: 'country' | 'format' | 'check_digit' };

/**
 * A VAT or tax number as typed ("de 136 695 976", "136.695.976"), checked for the organisation's
 * country: EU numbers (and the other countries jsvat knows: CH, NO, GB…) by their format and check
 * digit, with the country's prefix added when it was left out; any other country's number only for
 * a plausible shape, since no rule is known for it. The stored form has no spaces or dots.
 */
export function checkTaxId(country: string, raw: string): TaxIdCheck {
  const compact = raw.replace(/[\s.\-/]/g, '').toUpperCase();
  const prefix = vatPrefix(country);
  const known = countries.find((c) => c.codes[0] === country || c.codes.includes(prefix));
  if (!known) {
    return /^[A-Z0-9]{4,20}$/.test(compact) ? { ok: true, value: compact, eu: false } : { ok: false, problem: 'format' };
  }
  // A number with another country's prefix is for another country.
  const foreign = /^[A-Z]{2}/.test(compact) && !compact.startsWith(prefix) && !(country === 'CH' && compact.startsWith('CHE')) && countries.some((c) => c.codes.some((code) => compact.startsWith(code)) && c !== known);
  if (foreign) return { ok: false, problem: 'country' };
  const candidates = compact.startsWith(prefix) ? [compact] : [`${prefix}${compact}`, compact];
  for (const value of candidates) {
    const result = checkVAT(value, [known]);
    if (result.isValid) return { ok: true, value, eu: EU_COUNTRIES.has(country) };
    if (result.isValidFormat) return { ok: false, problem: 'check_digit' };
  }
  return { ok: false, problem: 'format' };
}

/** The example a form shows for a country's VAT number. */
export const TAX_ID_EXAMPLES: Record<string, string> = { DE: 'DE136695976', FR: 'FR40303265045', AT: 'ATU13585627', NL: 'NL004495445B01', BE: 'BE0403019261', IT: 'IT00743110157', ES: 'ESA28017895', GB: 'GB980780684', CH: 'CHE-116.281.710' };
