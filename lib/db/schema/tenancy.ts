import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  foreignKey,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { LogoSet } from './design';

export const tenantKind = pgEnum('tenant_kind', ['distributor', 'reseller']);
export const tenantStatus = pgEnum('tenant_status', ['active', 'suspended']);
export const tenantPlan = pgEnum('tenant_plan', ['basic', 'free', 'standard']);
export const domainKind = pgEnum('domain_kind', ['platform', 'custom']);

/** Where customers paying by bank transfer send the money, as printed on invoices. */
export interface BankDetails {
  accountHolder: string;
  /** An IBAN (electronic form, no spaces) with its BIC, or a domestic account number with its bank code. */
  iban: string | null;
  bic: string | null;
  accountNumber: string | null;
  bankCode: string | null;
  bankName: string | null;
}

/**
 * A storefront owner: the one distributor of the deployment or one of its resellers.
 * `theme_overrides` holds validated design tokens only (see themes/tokens.ts), never raw CSS.
 */
export const tenants = pgTable(
  'tenants',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    slug: text('slug').notNull(),
    name: text('name').notNull(),
    kind: tenantKind('kind').notNull(),
    parentId: uuid('parent_id'),
    status: tenantStatus('status').notNull().default('active'),
    plan: tenantPlan('plan').notNull().default('basic'),
    /**
     * When the reseller's storefront first opened (its first storefront plan). A storefront that
     * falls back to Basic keeps serving its customers (sign-in, their account, invoices) once it
     * has been open; a Basic reseller that never had one has no storefront at all.
     */
    storefrontOpenedAt: timestamp('storefront_opened_at', { withTimezone: true }),
    defaultLocale: text('default_locale').notNull().default('en'),
    locales: text('locales').array().notNull().default(sql`ARRAY['en']::text[]`),
    defaultCurrency: text('default_currency').notNull().default('EUR'),
    currencies: text('currencies').array().notNull().default(sql`ARRAY['EUR']::text[]`),
    theme: text('theme').notNull().default('classic'),
    themeOverrides: jsonb('theme_overrides').$type<Record<string, string>>().notNull().default({}),
    /** Tax rate per customer country in basis points, e.g. `{ "DE": 1900 }`; unlisted countries pay none. */
    taxRates: jsonb('tax_rates').$type<Record<string, number>>().notNull().default({}),
    /** The reseller's own Stripe account (Connect), charged directly for card payments. */
    stripeAccountId: text('stripe_account_id'),
    /** The seller's postal address as printed on its invoices (lines separated by newlines). */
    legalAddress: text('legal_address'),
    /** The seller's country (ISO 3166): decides what is domestic and what is cross-border for tax. */
    country: text('country'),
    /** The seller's VAT or tax number, printed on its invoices. */
    vatNumber: text('vat_number'),
    /** Bank transfer (prepayment) is offered once these are set. */
    bankDetails: jsonb('bank_details').$type<BankDetails | null>(),
    /** Bank transfer orders are provisioned at once instead of when the transfer arrives. */
    provisionBeforePayment: boolean('provision_before_payment').notNull().default(false),
    /** Where customers write to: shown on the storefront and used as the mails' reply-to. */
    contactEmail: text('contact_email'),
    /** Stripe's word on the connected account (account.updated, or asked on return from onboarding). */
    stripeChargesEnabled: boolean('stripe_charges_enabled').notNull().default(false),
    stripeDetailsSubmitted: boolean('stripe_details_submitted').notNull().default(false),
    stripeCheckedAt: timestamp('stripe_checked_at', { withTimezone: true }),
    /** New customer organisations may pay on account from the start, up to this limit (default currency, minor units). */
    onAccountDefault: boolean('on_account_default').notNull().default(false),
    defaultCreditLimit: bigint('default_credit_limit', { mode: 'number' }).notNull().default(0),
    /** The published logo's renditions (lib/design/logo.ts), null for none. */
    logo: jsonb('logo').$type<LogoSet | null>(),
    /** The published design version (0: never published through the portal). */
    designVersion: integer('design_version').notNull().default(0),
    /** The distributor's design tokens every reseller storefront inherits unless it overrides them. */
    defaultTokens: jsonb('default_tokens').$type<Record<string, string>>().notNull().default({}),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('tenants_slug_key').on(t.slug),
    // A webhook names the connected account: it must lead to exactly one storefront.
    uniqueIndex('tenants_stripe_account_key').on(t.stripeAccountId),
    check('tenants_stripe_account_format', sql`${t.stripeAccountId} ~ '^acct_[A-Za-z0-9]{1,64}$'`),
    check('tenants_default_credit_limit', sql`${t.defaultCreditLimit} >= 0`),
    check('tenants_country', sql`${t.country} ~ '^[A-Z]{2}$'`),
    check('tenants_tax_rates_object', sql`jsonb_typeof(${t.taxRates}) = 'object'`),
    // Exactly one distributor per deployment: it serves the root host.
    uniqueIndex('tenants_one_distributor').on(t.kind).where(sql`${t.kind} = 'distributor'`),
    foreignKey({ columns: [t.parentId], foreignColumns: [t.id], name: 'tenants_parent_fk' }),
    check('tenants_slug_format', sql`${t.slug} ~ '^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$'`),
    check('tenants_default_locale_enabled', sql`${t.defaultLocale} = ANY(${t.locales})`),
    check('tenants_default_currency_enabled', sql`${t.defaultCurrency} = ANY(${t.currencies})`),
    check('tenants_reseller_has_parent', sql`(${t.kind} = 'distributor') = (${t.parentId} IS NULL)`),
  ],
);

/**
 * Hostnames a tenant answers on besides `<slug>.<PLATFORM_DOMAIN>`. The key carries the tenant id
 * (so the table can be distributed by tenant); the hostname is globally unique.
 */
export const domains = pgTable(
  'domains',
  {
    tenantId: uuid('tenant_id').notNull().references(() => tenants.id, { onDelete: 'cascade' }),
    hostname: text('hostname').notNull(),
    kind: domainKind('kind').notNull().default('custom'),
    verified: boolean('verified').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /** The value the TXT record `_channelfront.<hostname>` must hold to prove the tenant owns it. */
    token: text('token'),
    verifiedAt: timestamp('verified_at', { withTimezone: true }),
    /** The last look-up of the record (on "Verify" and by the periodic re-check). */
    checkedAt: timestamp('checked_at', { withTimezone: true }),
    /** Verified once, but the record was gone at the last re-check: the reseller is told. */
    failing: boolean('failing').notNull().default(false),
    /** The tenant's primary domain: its other custom domains redirect to it. */
    primary: boolean('primary').notNull().default(false),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.hostname], name: 'domains_pkey' }),
    // A hostname serves one storefront: only one tenant can hold it verified. Unverified claims do
    // not block the real owner (whoever can publish the TXT record).
    uniqueIndex('domains_verified_hostname_key').on(t.hostname).where(sql`${t.verified}`),
    uniqueIndex('domains_one_primary').on(t.tenantId).where(sql`${t.primary}`),
    index('domains_tenant_idx').on(t.tenantId),
    check('domains_hostname_lowercase', sql`${t.hostname} = lower(${t.hostname})`),
  ],
);

export type TenantRow = typeof tenants.$inferSelect;
export type DomainRow = typeof domains.$inferSelect;
