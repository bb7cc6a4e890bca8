import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  foreignKey,
  index,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { tenants } from './tenancy';
import { partnerTiers } from './catalog';

// ─── Identity: people sign in per storefront (tenant) ─────────────────────────────────────────

export const role = pgEnum('role', ['distributor_admin', 'reseller_admin', 'reseller_staff', 'customer_admin', 'customer_member']);

/**
 * A person on one storefront: the same address on two storefronts is two users. Column names and
 * types follow Auth.js's adapter model; the tenant-bound adapter (lib/identity/adapter.ts) writes
 * tenant_id explicitly.
 */
export const users = pgTable(
  'users',
  {
    tenantId: uuid('tenant_id').notNull().references(() => tenants.id, { onDelete: 'cascade' }),
    id: text('id')
      .notNull()
      .$defaultFn(() => crypto.randomUUID()),
    name: text('name'),
    email: text('email').notNull(),
    emailVerified: timestamp('email_verified', { mode: 'date', withTimezone: true }),
    image: text('image'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id], name: 'users_pkey' }),
    uniqueIndex('users_email_key').on(t.tenantId, t.email),
    check('users_email_lowercase', sql`${t.email} = lower(${t.email})`),
  ],
);

/** Required by the adapter's types; this app signs in by email only, so it stays empty. */
export const accounts = pgTable(
  'accounts',
  {
    tenantId: uuid('tenant_id').notNull(),
    userId: text('user_id').notNull(),
    type: text('type').$type<'email' | 'oauth' | 'oidc' | 'webauthn'>().notNull(),
    provider: text('provider').notNull(),
    providerAccountId: text('provider_account_id').notNull(),
    refresh_token: text('refresh_token'),
    access_token: text('access_token'),
    expires_at: integer('expires_at'),
    token_type: text('token_type'),
    scope: text('scope'),
    id_token: text('id_token'),
    session_state: text('session_state'),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.provider, t.providerAccountId], name: 'accounts_pkey' }),
    foreignKey({ columns: [t.tenantId, t.userId], foreignColumns: [users.tenantId, users.id], name: 'accounts_user_fk' }).onDelete('cascade'),
  ],
);

export const sessions = pgTable(
  'sessions',
  {
    tenantId: uuid('tenant_id').notNull(),
    sessionToken: text('session_token').notNull(),
    userId: text('user_id').notNull(),
    expires: timestamp('expires', { mode: 'date', withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.sessionToken], name: 'sessions_pkey' }),
    foreignKey({ columns: [t.tenantId, t.userId], foreignColumns: [users.tenantId, users.id], name: 'sessions_user_fk' }).onDelete('cascade'),
  ],
);

/** Sign-in links: Auth.js stores a hash of the token; the identifier is scoped by tenant_id. */
export const verificationTokens = pgTable(
  'verification_tokens',
  {
    tenantId: uuid('tenant_id').notNull(),
    identifier: text('identifier').notNull(),
    token: text('token').notNull(),
    expires: timestamp('expires', { mode: 'date', withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.identifier, t.token], name: 'verification_tokens_pkey' })],
);

/** An end customer of a reseller. */
export const organizations = pgTable(
  'organizations',
  {
    tenantId: uuid('tenant_id').notNull().references(() => tenants.id, { onDelete: 'cascade' }),
    id: uuid('id').notNull().defaultRandom(),
    name: text('name').notNull(),
    country: text('country').notNull(),
    billingEmail: text('billing_email').notNull(),
    taxId: text('tax_id'),
    /** VIES confirmed the EU VAT number then (null: not an EU number, or VIES did not answer). */
    taxIdVerifiedAt: timestamp('tax_id_verified_at', { withTimezone: true }),
    /** The postal billing address (null on organisations created before it was asked). */
    street: text('street'),
    postalCode: text('postal_code'),
    city: text('city'),
    currency: text('currency').notNull(),
    /** Whether the reseller lets this customer buy on account (invoice), up to `credit_limit`. */
    onAccount: boolean('on_account').notNull().default(false),
    creditLimit: bigint('credit_limit', { mode: 'number' }).notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    // ─── A reseller company (an organisation on the distributor's storefront) ───
    /** Set by the distributor only: may buy storefront plans and order for resale. */
    resellingEnabled: boolean('reselling_enabled').notNull().default(false),
    /** Its storefront, once a storefront plan was provisioned (at most one per company). */
    resellerTenantId: uuid('reseller_tenant_id').references(() => tenants.id),
    /** The storefront address (slug) the company chose at checkout: reserved for it from then on. */
    storefrontSlug: text('storefront_slug'),
    partnerTierId: uuid('partner_tier_id'),
    /** Suspended by the distributor: no orders here, and its storefront answers 503. */
    suspendedAt: timestamp('suspended_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id], name: 'organizations_pkey' }),
    // With the tenant in the key (Citus): every reseller company lives on the distributor's tenant.
    uniqueIndex('organizations_reseller_tenant_key').on(t.tenantId, t.resellerTenantId),
    uniqueIndex('organizations_storefront_slug_key').on(t.tenantId, t.storefrontSlug),
    foreignKey({ columns: [t.tenantId, t.partnerTierId], foreignColumns: [partnerTiers.tenantId, partnerTiers.id], name: 'organizations_partner_tier_fk' }),
    check('organizations_storefront_slug_format', sql`${t.storefrontSlug} ~ '^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$'`),
    check('organizations_credit_limit', sql`${t.creditLimit} >= 0`),
    check('organizations_country', sql`${t.country} ~ '^[A-Z]{2}$'`),
    check('organizations_currency', sql`${t.currency} ~ '^[A-Z]{3}$'`),
  ],
);

export const creditRequestStatus = pgEnum('credit_request_status', ['open', 'granted', 'declined']);

/**
 * A customer asking its reseller to let it pay on account: open until the reseller grants it
 * (with a limit) or declines it. At most one is open per organisation.
 */
export const creditRequests = pgTable(
  'credit_requests',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    organizationId: uuid('organization_id').notNull(),
    requestedBy: text('requested_by').notNull(),
    requestedAt: timestamp('requested_at', { withTimezone: true }).notNull(),
    /** What the customer expects to spend, in its currency (minor units), if it said. */
    amount: bigint('amount', { mode: 'number' }),
    note: text('note'),
    status: creditRequestStatus('status').notNull().default('open'),
    decidedBy: text('decided_by'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    /** Granted: the limit given; declined: why, as the customer reads it. */
    creditLimit: bigint('credit_limit', { mode: 'number' }),
    reason: text('reason'),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id], name: 'credit_requests_pkey' }),
    uniqueIndex('credit_requests_one_open').on(t.tenantId, t.organizationId).where(sql`${t.status} = 'open'`),
    foreignKey({ columns: [t.tenantId, t.organizationId], foreignColumns: [organizations.tenantId, organizations.id], name: 'credit_requests_org_fk' }).onDelete('cascade'),
    check('credit_requests_amount', sql`${t.amount} is null or ${t.amount} >= 0`),
    check('credit_requests_decided', sql`(${t.status} = 'open') = (${t.decidedAt} is null)`),
  ],
);

export type CreditRequestRow = typeof creditRequests.$inferSelect;

/** An end customer a reseller company buys for on the distributor's storefront (the licensee). */
export const resaleLicensees = pgTable(
  'resale_licensees',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    organizationId: uuid('organization_id').notNull(),
    name: text('name').notNull(),
    country: text('country').notNull(),
    contactEmail: text('contact_email').notNull(),
    taxId: text('tax_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id], name: 'resale_licensees_pkey' }),
    uniqueIndex('resale_licensees_name_key').on(t.tenantId, t.organizationId, t.name),
    foreignKey({ columns: [t.tenantId, t.organizationId], foreignColumns: [organizations.tenantId, organizations.id], name: 'resale_licensees_org_fk' }).onDelete('cascade'),
    check('resale_licensees_country', sql`${t.country} ~ '^[A-Z]{2}$'`),
  ],
);

/**
 * What a user may do on its storefront: a staff role of the tenant (organization_id null) or a
 * role in one customer organisation.
 */
export const memberships = pgTable(
  'memberships',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    userId: text('user_id').notNull(),
    organizationId: uuid('organization_id'),
    role: role('role').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id], name: 'memberships_pkey' }),
    uniqueIndex('memberships_user_org_key').on(t.tenantId, t.userId, sql`coalesce(${t.organizationId}, '00000000-0000-0000-0000-000000000000'::uuid)`),
    foreignKey({ columns: [t.tenantId, t.userId], foreignColumns: [users.tenantId, users.id], name: 'memberships_user_fk' }).onDelete('cascade'),
    foreignKey({ columns: [t.tenantId, t.organizationId], foreignColumns: [organizations.tenantId, organizations.id], name: 'memberships_org_fk' }).onDelete('cascade'),
    check(
      'memberships_role_scope',
      sql`(${t.role} in ('customer_admin', 'customer_member')) = (${t.organizationId} is not null)`,
    ),
  ],
);

/** An invitation by email; accepted when that address signs in on the same storefront. */
export const invitations = pgTable(
  'invitations',
  {
    tenantId: uuid('tenant_id').notNull().references(() => tenants.id, { onDelete: 'cascade' }),
    id: uuid('id').notNull().defaultRandom(),
    email: text('email').notNull(),
    organizationId: uuid('organization_id'),
    role: role('role').notNull(),
    invitedBy: text('invited_by').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id], name: 'invitations_pkey' }),
    index('invitations_email_idx').on(t.tenantId, t.email),
    foreignKey({ columns: [t.tenantId, t.organizationId], foreignColumns: [organizations.tenantId, organizations.id], name: 'invitations_org_fk' }).onDelete('cascade'),
  ],
);

/** Mail kept locally when no SMTP_URL is configured (and printed to the console). */
export const mailOutbox = pgTable(
  'mail_outbox',
  {
    tenantId: uuid('tenant_id').notNull().references(() => tenants.id, { onDelete: 'cascade' }),
    id: uuid('id').notNull().defaultRandom(),
    to: text('to').notNull(),
    subject: text('subject').notNull(),
    text: text('text').notNull(),
    html: text('html'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id], name: 'mail_outbox_pkey' }), index('mail_outbox_created_idx').on(t.tenantId, t.createdAt)],
);

/** Fixed-window counters shared by every app server, per storefront. */
export const rateLimits = pgTable(
  'rate_limits',
  {
    tenantId: uuid('tenant_id').notNull(),
    key: text('key').notNull(),
    windowStart: timestamp('window_start', { withTimezone: true }).notNull(),
    count: integer('count').notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.key], name: 'rate_limits_pkey' })],
);
