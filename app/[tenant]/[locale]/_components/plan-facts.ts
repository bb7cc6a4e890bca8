/** What a plan card says of a plan besides its price, in the page's language (`t`: the catalog's messages). */
export function planFacts(
  t: (key: string, values?: Record<string, string | number>) => string,
  plan: { minSeats: number; maxSeats: number; termMonths: number; cancellationWindowHours: number },
  options: { perStorefront: boolean },
): string[] {
  return [
    ...(options.perStorefront ? [] : [t('seats', { min: plan.minSeats, max: plan.maxSeats })]),
    t('term', { months: plan.termMonths }),
    // Without a window nothing is refunded: a reduction or cancellation takes effect at renewal.
    plan.cancellationWindowHours > 0 ? t('cancellation', { hours: plan.cancellationWindowHours }) : t('cancellationAtRenewal'),
  ];
}
