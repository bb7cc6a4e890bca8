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
