/**
 * Proration, the one rule for every prorated amount (docs/subscriptions.md): the amount for a
 * whole period times the share of the period's seconds still to come, rounded half-up to the
 * minor unit, once per line. An upgrade is two lines (the old plan's unused time credited, the new
 * plan's remaining time charged), each rounded on its own, as Stripe does.
 */
export function prorate(amountPerPeriod: number, periodStart: Date, periodEnd: Date, from: Date): number {
  if (!Number.isSafeInteger(amountPerPeriod) || amountPerPeriod < 0) throw new Error(`prorate: ${amountPerPeriod} is not an amount in minor units`);
  const total = wholeSeconds(periodEnd.getTime() - periodStart.getTime());
  if (total <= 0) return 0;
  const remaining = Math.min(total, Math.max(0, wholeSeconds(periodEnd.getTime() - from.getTime())));
  // In integers: amount × remaining may pass 2^53 (an annual plan's seconds times a large amount).
  const numerator = BigInt(amountPerPeriod) * BigInt(remaining);
  const denominator = BigInt(total);
  return Number((numerator * 2n + denominator) / (denominator * 2n));
}

/** Seconds, whole: a change at 12:00:00.900 counts from 12:00:00. */
function wholeSeconds(ms: number): number {
  return Math.floor(ms / 1000);
}

/** The same day `months` later; the 31st of a shorter month is its last day. */
export function addMonths(date: Date, months: number): Date {
  const d = new Date(date.getTime());
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + months);
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, last));
  return d;
}

export function periodMonths(billingPeriod: 'month' | 'year'): number {
  return billingPeriod === 'year' ? 12 : 1;
}
