import type { BankDetails, LogoSet, TenantRow } from '../db/schema';

/** A tenant as pages and the proxy see it: plain JSON, so it can live in any cache. */
export interface Tenant {
  id: string;
  slug: string;
  name: string;
  kind: TenantRow['kind'];
  parentId: string | null;
  status: TenantRow['status'];
  plan: TenantRow['plan'];
  /** When its storefront first opened (resellers); null for one that never had a storefront. */
  storefrontOpenedAt: string | null;
  defaultLocale: string;
  locales: string[];
  defaultCurrency: string;
  currencies: string[];
  theme: string;
  themeOverrides: Record<string, string>;
  /** Tax rate per customer country, basis points. */
  taxRates: Record<string, number>;
  /** The reseller's connected Stripe account, if it linked one. */
  stripeAccountId: string | null;
  /** Printed on invoices. */
  legalAddress: string | null;
  contactEmail: string | null;
  /** The seller's country (what is domestic for tax), its VAT number and bank, as invoices print them. */
  country: string | null;
  vatNumber: string | null;
  /** Set: customers may pay by bank transfer (prepayment). */
  bankDetails: BankDetails | null;
  provisionBeforePayment: boolean;
  /** Whether Stripe lets the connected account take charges: card payment is offered only then. */
  stripeChargesEnabled: boolean;
  stripeDetailsSubmitted: boolean;
  /** What a new customer organisation starts with: on account or not, and its credit limit. */
  onAccountDefault: boolean;
  defaultCreditLimit: number;
  /** The published logo's files (served under /media/), or null. */
  logo: LogoSet | null;
  /** The published design version; 0 until the portal first publishes one. */
  designVersion: number;
  /** Distributor only: design tokens its resellers inherit. */
  defaultTokens: Record<string, string>;
  /** Reseller only: the distributor's default tokens, below the storefront's own overrides. */
  inheritedTokens: Record<string, string>;
  updatedAt: string;
}

export function toTenant(row: TenantRow & { inheritedTokens?: Record<string, string> | null }): Tenant {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    kind: row.kind,
    parentId: row.parentId,
    status: row.status,
    plan: row.plan,
    storefrontOpenedAt: row.storefrontOpenedAt?.toISOString() ?? null,
    defaultLocale: row.defaultLocale,
    locales: row.locales,
    defaultCurrency: row.defaultCurrency,
    currencies: row.currencies,
    theme: row.theme,
    themeOverrides: row.themeOverrides,
    taxRates: row.taxRates,
    stripeAccountId: row.stripeAccountId,
    legalAddress: row.legalAddress,
    contactEmail: row.contactEmail,
    country: row.country,
    vatNumber: row.vatNumber,
    bankDetails: row.bankDetails ?? null,
    provisionBeforePayment: row.provisionBeforePayment,
    stripeChargesEnabled: row.stripeChargesEnabled,
    stripeDetailsSubmitted: row.stripeDetailsSubmitted,
    onAccountDefault: row.onAccountDefault,
    defaultCreditLimit: row.defaultCreditLimit,
    logo: row.logo ?? null,
    designVersion: row.designVersion,
    defaultTokens: row.defaultTokens,
    inheritedTokens: row.inheritedTokens ?? {},
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** Whether the tenant has a storefront of its own (Basic resellers buy on the distributor's). */
export function hasStorefront(tenant: Pick<Tenant, 'kind' | 'plan'>): boolean {
  return tenant.kind === 'distributor' || tenant.plan !== 'basic';
}

/**
 * A storefront on Basic that was once open: it keeps serving the customers it has (sign-in, their
 * account, subscriptions and invoices) with the catalog and checkout closed, and its portal reads
 * only, until a storefront plan is bought again (docs/reselling.md).
 */
export function inServiceMode(tenant: Pick<Tenant, 'kind' | 'plan' | 'storefrontOpenedAt'>): boolean {
  return tenant.kind === 'reseller' && tenant.plan === 'basic' && tenant.storefrontOpenedAt !== null;
}

/** Cache tags for tenant data: the tenant id is always part of the tag. */
export function tenantTag(tenantId: string, part?: string): string {
  return part ? `t:${tenantId}:${part}` : `t:${tenantId}`;
}

// What a storefront in service mode still takes from a form or client: its customers' own
// account (managing subscriptions, paying invoices; an order it would make is refused by
// writeOrder), sign-in, and its invoices in the portal (a payment that arrives is still recorded).
const OPEN_IN_SERVICE_MODE = /^\/api\/(?:account|signin|signout|admin\/invoices)(?:\/|$)/;

/** Whether a request to `pathname` is refused on a storefront in service mode. */
export function closedInServiceMode(tenant: Pick<Tenant, 'kind' | 'plan' | 'storefrontOpenedAt'>, pathname: string): boolean {
  return inServiceMode(tenant) && !OPEN_IN_SERVICE_MODE.test(pathname);
}
