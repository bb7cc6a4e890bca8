import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  customType,
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
import { organizations } from './identity';
import { tenantPlan, tenants } from './tenancy';

// ─── Master catalog (owned by the distributor tenant) ────────────────────────────────────────

/** Text per locale, e.g. `{ en: 'Backup', de: 'Datensicherung' }`; English is always present. */
export type LocalizedText = Record<string, string>;

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });
const money = (name: string) => bigint(name, { mode: 'number' });

/** `storefront_plan`: a reseller's own storefront (Free, Standard), sold by the distributor. */
export const productType = pgEnum('product_type', ['saas', 'license', 'service', 'storefront_plan']);
export const billingPeriod = pgEnum('billing_period', ['month', 'year']);
export const listingMode = pgEnum('listing_mode', ['all', 'selected']);
export const roundingRule = pgEnum('rounding_rule', ['none', '99', '95', 'whole']);
export const markupScope = pgEnum('markup_scope', ['all', 'category', 'product']);
export const markupKind = pgEnum('markup_kind', ['percent', 'fixed']);

export const partnerTiers = pgTable(
  'partner_tiers',
  {
    tenantId: uuid('tenant_id').notNull().references(() => tenants.id, { onDelete: 'cascade' }),
    id: uuid('id').notNull().defaultRandom(),
    name: text('name').notNull(),
    discountBasisPoints: integer('discount_basis_points').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id], name: 'partner_tiers_pkey' }),
    uniqueIndex('partner_tiers_name_key').on(t.tenantId, t.name),
    check('partner_tiers_discount_range', sql`${t.discountBasisPoints} between 0 and 10000`),
  ],
);

export const vendors = pgTable(
  'vendors',
  {
    tenantId: uuid('tenant_id').notNull().references(() => tenants.id, { onDelete: 'cascade' }),
    id: uuid('id').notNull().defaultRandom(),
    slug: text('slug').notNull(),
    name: text('name').notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id], name: 'vendors_pkey' }), uniqueIndex('vendors_slug_key').on(t.tenantId, t.slug)],
);

export const categories = pgTable(
  'categories',
  {
    tenantId: uuid('tenant_id').notNull().references(() => tenants.id, { onDelete: 'cascade' }),
    id: uuid('id').notNull().defaultRandom(),
    slug: text('slug').notNull(),
    name: jsonb('name').$type<LocalizedText>().notNull(),
    position: integer('position').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id], name: 'categories_pkey' }), uniqueIndex('categories_slug_key').on(t.tenantId, t.slug)],
);

export const products = pgTable(
  'products',
  {
    tenantId: uuid('tenant_id').notNull().references(() => tenants.id, { onDelete: 'cascade' }),
    id: uuid('id').notNull().defaultRandom(),
    sku: text('sku').notNull(),
    slug: text('slug').notNull(),
    vendorId: uuid('vendor_id').notNull(),
    categoryId: uuid('category_id').notNull(),
    type: productType('type').notNull().default('saas'),
    resaleOnly: boolean('resale_only').notNull().default(false),
    connectorKey: text('connector_key').notNull().default('manual'),
    /** For the `http` connector: where provisioning requests for this product are POSTed. */
    connectorUrl: text('connector_url'),
    featured: boolean('featured').notNull().default(false),
    /**
     * The products (by SKU) a subscription of this one may move to mid-term, as vendors define
     * upgrade paths (Microsoft 365 Business Basic → Standard → Premium). The way back down is the
     * same path read the other way, at the renewal.
     */
    upgradesTo: text('upgrades_to').array().notNull().default(sql`'{}'::text[]`),
    name: jsonb('name').$type<LocalizedText>().notNull(),
    description: jsonb('description').$type<LocalizedText>().notNull(),
    // What storefront search matches and ranks: name, SKU and vendor (weight A), plan names (B),
    // description (C), in every language at once ('simple' keeps words as written, so product
    // names and vendor terms match across locales). Written with the product by the catalog
    // import (lib/catalog/search-index.ts): a generated column cannot read vendors and plans.
    searchDoc: tsvector('search_doc'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id], name: 'products_pkey' }),
    uniqueIndex('products_sku_key').on(t.tenantId, t.sku),
    uniqueIndex('products_slug_key').on(t.tenantId, t.slug),
    index('products_search_idx').using('gin', t.searchDoc),
    index('products_category_idx').on(t.tenantId, t.categoryId),
    foreignKey({ columns: [t.tenantId, t.vendorId], foreignColumns: [vendors.tenantId, vendors.id], name: 'products_vendor_fk' }),
    foreignKey({ columns: [t.tenantId, t.categoryId], foreignColumns: [categories.tenantId, categories.id], name: 'products_category_fk' }),
    check('products_slug_format', sql`${t.slug} ~ '^[a-z0-9]+(-[a-z0-9]+)*$'`),
    check('products_name_en', sql`${t.name} ? 'en'`),
    check('products_connector', sql`${t.connectorKey} in ('demo', 'http', 'manual', 'storefront')`),
    check('products_connector_url', sql`(${t.connectorKey} = 'http') = (${t.connectorUrl} is not null)`),
  ],
);

export const plans = pgTable(
  'plans',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    productId: uuid('product_id').notNull(),
    sku: text('sku').notNull(),
    name: jsonb('name').$type<LocalizedText>().notNull(),
    billingPeriod: billingPeriod('billing_period').notNull(),
    termMonths: integer('term_months').notNull(),
    minSeats: integer('min_seats').notNull().default(1),
    maxSeats: integer('max_seats').notNull().default(300),
    cancellationWindowHours: integer('cancellation_window_hours').notNull().default(168),
    position: integer('position').notNull().default(0),
    /** For a storefront-plan product: the tenant plan a subscription to this plan gives. */
    storefrontPlan: tenantPlan('storefront_plan'),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id], name: 'plans_pkey' }),
    uniqueIndex('plans_sku_key').on(t.tenantId, t.sku),
    index('plans_product_idx').on(t.tenantId, t.productId),
    foreignKey({ columns: [t.tenantId, t.productId], foreignColumns: [products.tenantId, products.id], name: 'plans_product_fk' }).onDelete('cascade'),
    check('plans_seats', sql`${t.minSeats} >= 1 and ${t.maxSeats} >= ${t.minSeats}`),
    check('plans_term', sql`${t.termMonths} >= 1`),
    check('plans_cancellation_window', sql`${t.cancellationWindowHours} >= 0`),
    check('plans_storefront_plan', sql`${t.storefrontPlan} is distinct from 'basic'`),
  ],
);

export const planPrices = pgTable(
  'plan_prices',
  {
    tenantId: uuid('tenant_id').notNull(),
    planId: uuid('plan_id').notNull(),
    currency: text('currency').notNull(),
    wholesale: money('wholesale').notNull(),
    msrp: money('msrp').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.planId, t.currency], name: 'plan_prices_pkey' }),
    foreignKey({ columns: [t.tenantId, t.planId], foreignColumns: [plans.tenantId, plans.id], name: 'plan_prices_plan_fk' }).onDelete('cascade'),
    check('plan_prices_currency', sql`${t.currency} ~ '^[A-Z]{3}$'`),
    check('plan_prices_amounts', sql`${t.wholesale} >= 0 and ${t.msrp} >= ${t.wholesale}`),
  ],
);

// ─── Reseller offer (owned by the reseller tenant; points into its distributor's catalog) ──────

export const resellerOffers = pgTable(
  'reseller_offers',
  {
    tenantId: uuid('tenant_id').primaryKey().references(() => tenants.id, { onDelete: 'cascade' }),
    catalogTenantId: uuid('catalog_tenant_id').notNull(),
    tierId: uuid('tier_id').notNull(),
    listing: listingMode('listing').notNull().default('all'),
    rounding: roundingRule('rounding').notNull().default('none'),
  },
  (t) => [
    foreignKey({ columns: [t.catalogTenantId, t.tierId], foreignColumns: [partnerTiers.tenantId, partnerTiers.id], name: 'reseller_offers_tier_fk' }),
  ],
);

export const resellerListings = pgTable(
  'reseller_listings',
  {
    tenantId: uuid('tenant_id').notNull().references(() => tenants.id, { onDelete: 'cascade' }),
    catalogTenantId: uuid('catalog_tenant_id').notNull(),
    productId: uuid('product_id').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.productId], name: 'reseller_listings_pkey' }),
    foreignKey({ columns: [t.catalogTenantId, t.productId], foreignColumns: [products.tenantId, products.id], name: 'reseller_listings_product_fk' }).onDelete('cascade'),
  ],
);

/**
 * Products a reseller took off its storefront: whatever its listing mode, they are not shown or
 * sold there. Their markups, contract prices and subscriptions stay as they are, so showing a
 * product again brings it back exactly as it was.
 */
export const resellerHiddenProducts = pgTable(
  'reseller_hidden_products',
  {
    tenantId: uuid('tenant_id').notNull().references(() => tenants.id, { onDelete: 'cascade' }),
    catalogTenantId: uuid('catalog_tenant_id').notNull(),
    productId: uuid('product_id').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.productId], name: 'reseller_hidden_products_pkey' }),
    foreignKey({ columns: [t.catalogTenantId, t.productId], foreignColumns: [products.tenantId, products.id], name: 'reseller_hidden_products_product_fk' }).onDelete('cascade'),
  ],
);

export const markupRules = pgTable(
  'markup_rules',
  {
    tenantId: uuid('tenant_id').notNull().references(() => tenants.id, { onDelete: 'cascade' }),
    id: uuid('id').notNull().defaultRandom(),
    catalogTenantId: uuid('catalog_tenant_id').notNull(),
    scope: markupScope('scope').notNull(),
    categoryId: uuid('category_id'),
    productId: uuid('product_id'),
    kind: markupKind('kind').notNull(),
    basisPoints: integer('basis_points'),
    currency: text('currency'),
    amount: money('amount'),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id], name: 'markup_rules_pkey' }),
    // One rule per level, target and currency (percentages apply to every currency).
    uniqueIndex('markup_rules_target_key').on(
      t.tenantId,
      t.scope,
      sql`coalesce(${t.categoryId}, ${t.productId}, '00000000-0000-0000-0000-000000000000'::uuid)`,
      sql`coalesce(${t.currency}, '')`,
    ),
    foreignKey({ columns: [t.catalogTenantId, t.categoryId], foreignColumns: [categories.tenantId, categories.id], name: 'markup_rules_category_fk' }).onDelete('cascade'),
    foreignKey({ columns: [t.catalogTenantId, t.productId], foreignColumns: [products.tenantId, products.id], name: 'markup_rules_product_fk' }).onDelete('cascade'),
    check(
      'markup_rules_target',
      sql`(${t.scope} = 'all' and ${t.categoryId} is null and ${t.productId} is null) or (${t.scope} = 'category' and ${t.categoryId} is not null and ${t.productId} is null) or (${t.scope} = 'product' and ${t.productId} is not null and ${t.categoryId} is null)`,
    ),
    check(
      'markup_rules_value',
      sql`(${t.kind} = 'percent' and ${t.basisPoints} is not null and ${t.currency} is null and ${t.amount} is null) or (${t.kind} = 'fixed' and ${t.basisPoints} is null and ${t.currency} ~ '^[A-Z]{3}$' and ${t.amount} is not null)`,
    ),
  ],
);

/** A customer organisation's negotiated price for a plan (it replaces the sell price). */
export const contractPrices = pgTable(
  'contract_prices',
  {
    tenantId: uuid('tenant_id').notNull().references(() => tenants.id, { onDelete: 'cascade' }),
    organizationId: uuid('organization_id').notNull(),
    catalogTenantId: uuid('catalog_tenant_id').notNull(),
    planId: uuid('plan_id').notNull(),
    currency: text('currency').notNull(),
    amount: money('amount').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.organizationId, t.planId, t.currency], name: 'contract_prices_pkey' }),
    foreignKey({ columns: [t.tenantId, t.organizationId], foreignColumns: [organizations.tenantId, organizations.id], name: 'contract_prices_org_fk' }).onDelete('cascade'),
    foreignKey({ columns: [t.catalogTenantId, t.planId], foreignColumns: [plans.tenantId, plans.id], name: 'contract_prices_plan_fk' }).onDelete('cascade'),
    check('contract_prices_amount', sql`${t.amount} >= 0`),
  ],
);

// ─── API access (Standard plan) ─────────────────────────────────────────────────────────────

/** Only a SHA-256 of each key is stored; the key itself is shown once, when it is created. */
export const apiKeys = pgTable(
  'api_keys',
  {
    tenantId: uuid('tenant_id').notNull().references(() => tenants.id, { onDelete: 'cascade' }),
    id: uuid('id').notNull().defaultRandom(),
    name: text('name').notNull(),
    prefix: text('prefix').notNull(),
    tokenHash: text('token_hash').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id], name: 'api_keys_pkey' }), uniqueIndex('api_keys_token_hash_key').on(t.tenantId, t.tokenHash)],
);

/**
 * The words of a catalog's products (from their search documents), for correcting a misspelt
 * search word to the closest word the catalog has (trigram similarity, pg_trgm).
 */
export const searchTerms = pgTable(
  'search_terms',
  {
    tenantId: uuid('tenant_id').notNull().references(() => tenants.id, { onDelete: 'cascade' }),
    term: text('term').notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.term], name: 'search_terms_pkey' }), index('search_terms_trgm_idx').using('gin', t.term.op('gin_trgm_ops'))],
);
