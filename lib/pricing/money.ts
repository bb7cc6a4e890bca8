/** Digits after the decimal point of a currency's minor unit (EUR 2, JPY 0, BHD 3). */
export function minorDigits(currency: string): number {
  return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
}

export function assertMinorUnits(label: string, value: number): void {
  if (!Number.isSafeInteger(value)) throw new RangeError(`${label} must be a whole number of minor units (got ${value})`);
}

/** Formats integer minor units for a locale, e.g. 1299 EUR → "12,99 €" in German. */
export function formatMoney(amount: number, currency: string, locale: string): string {
  const digits = minorDigits(currency);
  return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(amount / 10 ** digits);
}
