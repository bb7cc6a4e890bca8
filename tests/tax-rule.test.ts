import { describe, expect, it } from 'vitest';
import { creditorReference, isCreditorReference } from '@/lib/invoices/format';
import { checkTaxId } from '@/lib/input/tax-ids';
import { taxFor, type TaxCase } from '@/lib/pricing/tax';

// The rates a German storefront might set: Germany's own, France's (OSS) and none elsewhere.
const rates = { DE: 1900, FR: 2000, AT: 2000, US: 0 };

describe('the tax rule of an order', () => {
  const cases: [string, Omit<TaxCase, 'rates'>, { basisPoints: number; reverseCharge: boolean }][] = [
    ['domestic business: the seller’s own rate, VAT number or not', { sellerCountry: 'DE', buyerCountry: 'DE', buyerTaxId: 'DE136695976' }, { basisPoints: 1900, reverseCharge: false }],
    ['domestic consumer', { sellerCountry: 'DE', buyerCountry: 'DE', buyerTaxId: null }, { basisPoints: 1900, reverseCharge: false }],
    ['EU business in another member state: reverse charge', { sellerCountry: 'DE', buyerCountry: 'FR', buyerTaxId: 'FR40303265045' }, { basisPoints: 0, reverseCharge: true }],
    ['Greek business (VAT numbers say EL): reverse charge', { sellerCountry: 'DE', buyerCountry: 'GR', buyerTaxId: 'EL094259216' }, { basisPoints: 0, reverseCharge: true }],
    ['EU buyer without a VAT number: its country’s rate', { sellerCountry: 'DE', buyerCountry: 'FR', buyerTaxId: null }, { basisPoints: 2000, reverseCharge: false }],
    ['EU buyer with another country’s number: not a business of its country', { sellerCountry: 'DE', buyerCountry: 'AT', buyerTaxId: 'FR40303265045' }, { basisPoints: 2000, reverseCharge: false }],
    ['outside the EU: the rate set for that country (none)', { sellerCountry: 'DE', buyerCountry: 'US', buyerTaxId: '123456789' }, { basisPoints: 0, reverseCharge: false }],
    ['outside the EU, no rate set: none', { sellerCountry: 'DE', buyerCountry: 'JP', buyerTaxId: null }, { basisPoints: 0, reverseCharge: false }],
    ['a seller outside the EU selling to an EU business: reverse charge', { sellerCountry: 'US', buyerCountry: 'DE', buyerTaxId: 'DE136695976' }, { basisPoints: 0, reverseCharge: true }],
    ['a seller outside the EU selling to an EU consumer: that country’s rate', { sellerCountry: 'US', buyerCountry: 'DE', buyerTaxId: null }, { basisPoints: 1900, reverseCharge: false }],
    ['the seller’s country unknown: nothing is cross-border', { sellerCountry: null, buyerCountry: 'FR', buyerTaxId: 'FR40303265045' }, { basisPoints: 2000, reverseCharge: false }],
  ];
  for (const [name, input, outcome] of cases) {
    it(name, () => expect(taxFor({ ...input, rates })).toEqual(outcome));
  }
});

describe('VAT numbers as typed', () => {
  const cases: [string, string, string, ReturnType<typeof checkTaxId>][] = [
    ['a German number with its prefix', 'DE', 'DE136695976', { ok: true, value: 'DE136695976', eu: true }],
    ['spaces, dots and a lower-case prefix are dropped', 'DE', 'de 136.695.976', { ok: true, value: 'DE136695976', eu: true }],
    ['the prefix is added when left out', 'FR', '40 303 265 045', { ok: true, value: 'FR40303265045', eu: true }],
    ['Greece’s numbers take EL', 'GR', '094259216', { ok: true, value: 'EL094259216', eu: true }],
    ['Austria’s U', 'AT', 'ATU13585627', { ok: true, value: 'ATU13585627', eu: true }],
    ['a typo breaks the check digit', 'DE', 'DE136695977', { ok: false, problem: 'check_digit' }],
    ['too short for its country', 'DE', 'DE12345', { ok: false, problem: 'format' }],
    ['another country’s number', 'DE', 'FR40303265045', { ok: false, problem: 'country' }],
    ['a Swiss UID (outside the EU) is checked too', 'CH', 'CHE-116.281.710', { ok: true, value: 'CHE116281710', eu: false }],
    ['a country with no known rule: a plausible shape', 'US', '12-3456789', { ok: true, value: '123456789', eu: false }],
    ['a country with no known rule: nonsense is refused', 'US', '#!', { ok: false, problem: 'format' }],
  ];
  for (const [name, country, typed, outcome] of cases) {
    it(name, () => expect(checkTaxId(country, typed)).toEqual(outcome));
  }
});

describe('the payment reference of a bank transfer (ISO 11649)', () => {
  it('matches the standard’s own example and is checked as banks check it', () => {
    expect(creditorReference('539007547034')).toBe('RF18539007547034');
    expect(isCreditorReference('RF18 5390 0754 7034')).toBe(true);
    expect(isCreditorReference('RF18 5390 0754 7043')).toBe(false);
    for (let n = 1; n < 500; n += 7) expect(isCreditorReference(creditorReference(String(n))), String(n)).toBe(true);
  });
});
