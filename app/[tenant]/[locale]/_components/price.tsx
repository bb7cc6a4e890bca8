import { formatMoney } from '@/lib/money';

/**
 * A price in every currency the storefront offers; CSS shows the visitor's currency (the layout's
 * currency rule), so cached pages need no per-visitor render.
 */
export function Price({ amounts, locale }: { amounts: Record<string, number>; locale: string }) {
  return (
    <>
      {Object.entries(amounts).map(([currency, amount]) => (
        <span key={currency} data-price={currency}>
          {formatMoney(amount, currency, locale)}
        </span>
      ))}
    </>
  );
}

/**
 * The lowest price per user per month across plans, per currency (an annual price counts as a
 * twelfth, rounded up to the minor unit), for "from …" labels.
 */
export function fromMonthly(plans: { billingPeriod: 'month' | 'year'; prices: Record<string, number> }[]): Record<string, number> {
  const result: Record<string, number> = {};
  for (const plan of plans) {
    for (const [currency, amount] of Object.entries(plan.prices)) {
      const monthly = plan.billingPeriod === 'year' ? Math.ceil(amount / 12) : amount;
      if (result[currency] === undefined || monthly < result[currency]) result[currency] = monthly;
    }
  }
  return result;
}
