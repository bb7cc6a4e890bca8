import { z } from 'zod';

/**
 * The 249 officially assigned codes of ISO 3166-1 alpha-2. A country is one of these or refused:
 * "Germany" typed by hand was once cut to "GE" (Georgia) and charged Georgia's tax.
 */
const CODES = `AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS
BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG
EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR
HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR
LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG
NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE
SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA
UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW`.split(/\s+/);

export const COUNTRY_CODES: ReadonlySet<string> = new Set(CODES);

export function isCountryCode(code: string): boolean {
  return COUNTRY_CODES.has(code);
}

/** A country sent by a form's list or a script: an ISO code, in any letter case, or refused. */
export const countryCode = z
  .string({ error: (issue) => (issue.input === undefined ? 'missing' : 'choose a country from the list') })
  .trim()
  .toUpperCase()
  .refine(isCountryCode, 'choose a country from the list (a two-letter ISO 3166 code such as DE)');

export interface CountryOption {
  code: string;
  name: string;
}

const byLocale = new Map<string, { list: CountryOption[]; names: Map<string, string> }>();

function countriesIn(locale: string) {
  let entry = byLocale.get(locale);
  if (!entry) {
    const names = new Intl.DisplayNames([locale, 'en'], { type: 'region', fallback: 'code' });
    const collator = new Intl.Collator(locale);
    const list = CODES.map((code) => ({ code, name: names.of(code) ?? code })).sort((a, b) => collator.compare(a.name, b.name));
    byLocale.set(locale, (entry = { list, names: new Map(list.map((c) => [c.code, c.name])) }));
  }
  return entry;
}

/** Every country by its name in `locale` (the platform's ICU data), in that language's order. */
export function countryOptions(locale: string): CountryOption[] {
  return countriesIn(locale).list;
}

/** A stored country's name in `locale`; a code not in the list is shown as it is. */
export function countryName(code: string, locale: string): string {
  return countriesIn(locale).names.get(code) ?? code;
}
