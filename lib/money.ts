/** Digits after the decimal point of a currency's minor unit (EUR 2, JPY 0, BHD 3). */
export function minorDigits(currency: string): number {
  // Building a NumberFormat costs more than a whole waterfall: the simulator prices 100,000s of rows.
  let digits = DIGITS.get(currency);
  if (digits === undefined) {
    digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    DIGITS.set(currency, digits);
  }
  return digits;
}
const DIGITS = new Map<string, number>();

export function assertMinorUnits(label: string, value: number): void {
  if (!Number.isSafeInteger(value)) throw new RangeError(`${label} must be a whole number of minor units (got ${value})`);
}

/** Formats integer minor units for a locale, e.g. 1299 EUR → "12,99 €" in German. */
export function formatMoney(amount: number, currency: string, locale: string): string {
  const digits = minorDigits(currency);
  // One formatter per locale and currency: a portal table formats hundreds of amounts.
  const key = `${locale}:${currency}`;
  let format = FORMATS.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, { style: 'currency', currency });
    if (FORMATS.size < 500) FORMATS.set(key, format);
  }
  return format.format(amount / 10 ** digits);
}
const FORMATS = new Map<string, Intl.NumberFormat>();

/** Minor units as a plain decimal for a form field, exactly (1234 EUR → "12.34", 5 JPY → "5"). */
export function minorToDecimal(amount: number, currency: string): string {
  assertMinorUnits('amount', amount);
  const digits = minorDigits(currency);
  if (digits === 0) return String(amount);
  const unit = 10 ** digits;
  const sign = amount < 0 ? '-' : '';
  const abs = Math.abs(amount);
  return `${sign}${Math.floor(abs / unit)}.${String(abs % unit).padStart(digits, '0')}`;
}

/** Basis points as a percentage without float arithmetic (1900 → "19", 2050 → "20.5", 725 → "7.25", -2965 → "-29.65"). */
export function basisPointsToPercent(basisPoints: number, locale?: string): string {
  if (basisPoints < 0) return `-${basisPointsToPercent(-basisPoints, locale)}`;
  const fraction = String(basisPoints % 100).padStart(2, '0').replace(/0+$/, '');
  if (!fraction) return String(Math.floor(basisPoints / 100));
  // The locale's decimal separator ("20,5" in German), the digits stay exact.
  const separator = locale ? (new Intl.NumberFormat(locale).formatToParts(1.5).find((p) => p.type === 'decimal')?.value ?? '.') : '.';
  return `${Math.floor(basisPoints / 100)}${separator}${fraction}`;
}

/**
 * A decimal amount as written in a CSV ("12.99", "12", "1299.5") to minor units, exactly (string
 * arithmetic, never a float). Null when it is not a plain decimal with at most the currency's digits.
 */
export function decimalToMinor(text: string, currency: string): number | null {
  const digits = minorDigits(currency);
  const match = /^(\d{1,12})(?:\.(\d+))?$/.exec(text.trim());
  if (!match) return null;
  const fraction = match[2] ?? '';
  if (fraction.length > digits) return null;
  return Number(match[1]) * 10 ** digits + Number(fraction.padEnd(digits, '0') || '0');
}

/** Tax on a subtotal at a rate in basis points, rounded half up to the minor unit. */
export function taxOn(subtotal: number, basisPoints: number): number {
  return Math.floor((subtotal * basisPoints + 5_000) / 10_000);
}
