import { describe, expect, it } from 'vitest';
import { countryCode, countryName, countryOptions, COUNTRY_CODES } from '@/lib/input/countries';
import { organizationInput } from '@/lib/identity/organizations';

describe('countries', () => {
  it('are the 249 codes of ISO 3166-1, each named in English, German and French', () => {
    expect(COUNTRY_CODES.size).toBe(249);
    for (const locale of ['en', 'de', 'fr']) {
      const options = countryOptions(locale);
      expect(options).toHaveLength(249);
      // A name the platform does not know would show as its code.
      expect(options.filter((c) => c.name === c.code).map((c) => c.code), locale).toEqual([]);
    }
    expect(countryName('DE', 'de')).toBe('Deutschland');
    expect(countryName('DE', 'fr')).toBe('Allemagne');
    expect(countryName('GE', 'en')).toBe('Georgia');
  });

  it('are listed in the order of the page’s language', () => {
    const german = countryOptions('de').map((c) => c.name);
    // "Österreich" sorts with O in German, not after Z.
    expect(german.indexOf('Österreich')).toBeGreaterThan(german.indexOf('Oman'));
    expect(german.indexOf('Österreich')).toBeLessThan(german.indexOf('Pakistan'));
    expect(countryOptions('fr')[0]!.name).toBe('Afghanistan');
  });

  it('accept a code in any letter case and refuse a name typed by hand or a code of no country', () => {
    expect(countryCode.parse(' de ')).toBe('DE');
    for (const bad of ['Germany', 'GER', 'UK', 'EU', '', 'D']) {
      const result = countryCode.safeParse(bad);
      expect(result.success, bad).toBe(false);
      expect(result.error!.issues[0]!.message).toMatch(/choose a country from the list/);
    }
  });

  it('an organisation with "Germany" for its country is refused, naming the field', () => {
    const result = organizationInput.safeParse({ name: 'NeuCo AG', country: 'Germany', billingEmail: 'ap@neuco.test', street: 'Hauptstraße 1', city: 'Köln', currency: 'EUR' });
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => i.path.join('.'))).toEqual(['country']);
  });
});
