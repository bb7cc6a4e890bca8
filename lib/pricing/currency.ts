import type { Tenant } from '../tenancy/types';

/**
 * The one rule for the currency a visitor sees and buys in: its own choice (the switcher's
 * cookie), else its organisation's, else the storefront's default — each only if the storefront
 * sells in it. Pages, the cart, checkout and the order all follow it.
 */
export function shownCurrency(tenant: Pick<Tenant, 'currencies' | 'defaultCurrency'>, chosen: string | null | undefined, organizationCurrency: string | null | undefined): string {
  if (chosen && tenant.currencies.includes(chosen)) return chosen;
  if (organizationCurrency && tenant.currencies.includes(organizationCurrency)) return organizationCurrency;
  return tenant.defaultCurrency;
}

/** The cookie the currency switcher sets (lib/middleware/dispatch.ts) and the pages' script reads. */
export const CURRENCY_COOKIE = 'cf_currency';

/**
 * The cookie that makes the cached pages show an organisation's currency, for a visitor who has not
 * chosen one (a choice is never overwritten); null when nothing is to be set.
 */
export function currencyCookie(cookieHeader: string | null, currency: string, tenant: Pick<Tenant, 'currencies'>): string | null {
  if (new RegExp(`(?:^|;\\s*)${CURRENCY_COOKIE}=`).test(cookieHeader ?? '') || !tenant.currencies.includes(currency)) return null;
  return `${CURRENCY_COOKIE}=${currency}; Path=/; Max-Age=31536000; SameSite=Lax`;
}
