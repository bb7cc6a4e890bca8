import { and, desc, eq, gte, inArray, isNotNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import { countryCode } from '../input/countries';
import type { Db } from '../db/client';
import { actForTenant, asDistributor } from '../db/tenant';
import { invitations, orders, organizations, partnerTiers, plans, products, resellerOffers, subscriptions, tenants, users } from '../db/schema';
import { DomainError } from '../errors';
import { checkbox } from '../input/fields';
import { acceptInvitations } from '../identity/invitations';
import { invitationMail } from '../identity/mails';
import { catalogChanged, tenantChanged } from '../tenancy/invalidate';
import type { Tenant } from '../tenancy/types';
import { normalizeSlug, slugProblem, slugTaken } from './slugs';
import { decimalToMinor } from '../money';

function assertDistributor(tenant: Tenant): void {
  if (tenant.kind !== 'distributor') throw new DomainError('not_found');
}

export const companyInput = z.object({
  name: z.string().trim().min(2, 'at least 2 characters').max(120),
  country: countryCode,
  currency: z.string().trim().toUpperCase().regex(/^[A-Z]{3}$/, 'an ISO currency code such as EUR'),
  admin: z.string().trim().toLowerCase().email('a valid email address'),
  /** Reserves the storefront address for the company (its storefront opens with a plan). */
  slug: z.string().trim().max(100).optional().transform((v) => (v ? normalizeSlug(v) : undefined)),
  taxId: z.string().trim().max(40).optional().transform((v) => v || null),
  /** Buying on account up to this amount (a decimal in the currency); absent: not on account. */
  creditLimit: z.string().trim().max(20).optional().transform((v) => v || undefined),
});
export type CompanyInput = z.output<typeof companyInput>;

/**
 * A reseller company on the distributor's storefront, reselling enabled, with its first admin
 * invited by mail (they become its admin on their first sign-in). Used by the console and by
 * `npm run reseller:create`. The company starts on Basic: its storefront opens with a plan.
 */
export async function createResellerCompany(
  db: Db,
  distributor: Tenant,
  input: CompanyInput,
  options: { invitedBy: string; inviter: string; origin: string; locale: string },
) {
  assertDistributor(distributor);
  if (!distributor.currencies.includes(input.currency)) {
    throw new DomainError('invalid_input', `currency: the distributor sells in ${distributor.currencies.join(', ')}`, { fields: [`currency: one of ${distributor.currencies.join(', ')}`] });
  }
  if (input.slug) {
    const problem = slugProblem(input.slug);
    if (problem) throw new DomainError('invalid_slug', problem, { slug: input.slug, problem });
    if (await slugTaken(db, distributor.id, input.slug)) throw new DomainError('slug_taken', `The storefront address "${input.slug}" is taken.`, { slug: input.slug });
  }
  const credit = input.creditLimit === undefined ? null : decimalToMinor(input.creditLimit, input.currency);
  if (credit === null && input.creditLimit !== undefined) {
    throw new DomainError('invalid_input', `The credit limit must be an amount in ${input.currency} such as 5000.00.`, { fields: [`creditLimit: an amount in ${input.currency}`] });
  }
  const [exists] = await db.select({ id: organizations.id }).from(organizations).where(and(eq(organizations.tenantId, distributor.id), eq(organizations.name, input.name)));
  if (exists) throw new DomainError('company_exists', `A company named "${input.name}" already exists.`);
  const [org] = await db
    .insert(organizations)
    .values({
      tenantId: distributor.id,
      name: input.name,
      country: input.country,
      currency: input.currency,
      billingEmail: input.admin,
      taxId: input.taxId,
      onAccount: credit !== null,
      creditLimit: credit ?? 0,
      resellingEnabled: true,
      storefrontSlug: input.slug ?? null,
    })
    .returning();
  await db.insert(invitations).values({
    tenantId: distributor.id,
    email: input.admin,
    organizationId: org!.id,
    role: 'customer_admin',
    invitedBy: options.invitedBy,
    expiresAt: sql`now() + interval '14 days'`,
  });
  const link = new URL('/signin', options.origin);
  link.searchParams.set('email', input.admin);
  await invitationMail(db, { tenant: distributor, locale: options.locale, to: input.admin, inviter: options.inviter, target: input.name, link: link.toString() });
  const [existing] = await db.select({ id: users.id }).from(users).where(and(eq(users.tenantId, distributor.id), eq(users.email, input.admin)));
  if (existing) await acceptInvitations(db, distributor.id, existing.id, input.admin);
  return org!;
}

export const companyUpdate = z.object({
  organizationId: z.uuid(),
  resellingEnabled: checkbox,
  // "" is "no tier"; a tier left out is refused, never read as "no tier".
  tier: z.union([z.uuid(), z.literal('')]),
});

/**
 * The distributor's settings of one company: reselling on or off, and its partner tier (which is
 * also its storefront's tier: the storefront's prices change with it).
 */
export async function updateCompany(db: Db, distributor: Tenant, input: z.output<typeof companyUpdate>): Promise<void> {
  assertDistributor(distributor);
  const org = await lockCompany(db, distributor, input.organizationId);
  let tierId: string | null = null;
  if (input.tier) {
    const [tier] = await db.select({ id: partnerTiers.id }).from(partnerTiers).where(and(eq(partnerTiers.tenantId, distributor.id), eq(partnerTiers.id, input.tier)));
    if (!tier) throw new DomainError('invalid_input', 'That partner tier does not exist.', { fields: ['tier: not found'] });
    tierId = tier.id;
  }
  await db.update(organizations).set({ resellingEnabled: input.resellingEnabled, partnerTierId: tierId }).where(and(eq(organizations.tenantId, distributor.id), eq(organizations.id, org.id)));
  if (org.resellerTenantId && tierId && tierId !== org.partnerTierId) {
    const storefront = org.resellerTenantId;
    await actForTenant(db, storefront);
    await db
      .insert(resellerOffers)
      .values({ tenantId: storefront, catalogTenantId: distributor.id, tierId })
      .onConflictDoUpdate({ target: resellerOffers.tenantId, set: { tierId } });
    await actForTenant(db, distributor.id);
    await catalogChanged(db, storefront);
  }
}

async function lockCompany(db: Db, distributor: Tenant, organizationId: string) {
  const [org] = await db
    .select()
    .from(organizations)
    .where(and(eq(organizations.tenantId, distributor.id), eq(organizations.id, organizationId)))
    .for('update');
  if (!org) throw new DomainError('not_found');
  return org;
}

/**
 * Suspends a company (no orders on the distributor's storefront; its storefront answers 503) or
 * reinstates it. Nothing else changes: its plan, settings and subscriptions stay as they are.
 */
export async function setSuspended(db: Db, distributor: Tenant, organizationId: string, suspended: boolean, now: Date): Promise<void> {
  assertDistributor(distributor);
  const org = await lockCompany(db, distributor, organizationId);
  await db.update(organizations).set({ suspendedAt: suspended ? (org.suspendedAt ?? now) : null }).where(and(eq(organizations.tenantId, distributor.id), eq(organizations.id, org.id)));
  if (org.resellerTenantId) {
    await db.update(tenants).set({ status: suspended ? 'suspended' : 'active', updatedAt: now }).where(and(eq(tenants.id, org.resellerTenantId), eq(tenants.parentId, distributor.id)));
    await tenantChanged(db, org.resellerTenantId);
  }
}

export interface CompanyRow {
  id: string;
  name: string;
  country: string;
  currency: string;
  resellingEnabled: boolean;
  suspended: boolean;
  tierId: string | null;
  tier: string | null;
  storefront: { id: string; slug: string; plan: 'basic' | 'free' | 'standard'; status: 'active' | 'suspended' } | null;
  reservedSlug: string | null;
  /** The storefront's own sales (orders paid or on account, not failed) in the last 30 days, per currency. */
  sales: { currency: string; amount: number }[];
  /** Its storefront-plan subscription, if one is active or suspended. */
  subscription: { id: string; planId: string; status: string; cancelAtPeriodEnd: boolean } | null;
}

/** The distributor console's list of reseller companies (read across the storefronts). */
export async function listCompanies(db: Db, distributor: Tenant, now: Date): Promise<CompanyRow[]> {
  assertDistributor(distributor);
  return asDistributor(db, distributor, async (tx) => {
    const rows = await tx
      .select({ org: organizations, tier: partnerTiers.name, storefront: { id: tenants.id, slug: tenants.slug, plan: tenants.plan, status: tenants.status } })
      .from(organizations)
      .leftJoin(partnerTiers, and(eq(partnerTiers.tenantId, organizations.tenantId), eq(partnerTiers.id, organizations.partnerTierId)))
      .leftJoin(tenants, eq(tenants.id, organizations.resellerTenantId))
      .where(eq(organizations.tenantId, distributor.id))
      .orderBy(organizations.name)
      .limit(500);
    const storefronts = rows.map((r) => r.storefront?.id).filter((id): id is string => !!id);
    const since = new Date(now.getTime() - 30 * 24 * 3600 * 1000);
    const [sales, subs] = await Promise.all([
      storefronts.length
        ? tx
            .select({ tenantId: orders.tenantId, currency: orders.currency, amount: sql<number>`sum(${orders.total})`.mapWith(Number) })
            .from(orders)
            .where(and(inArray(orders.tenantId, storefronts), gte(orders.createdAt, since), inArray(orders.state, ['paid', 'provisioning', 'completed'])))
            .groupBy(orders.tenantId, orders.currency)
            .execute()
        : Promise.resolve([]),
      tx
        .select({ id: subscriptions.id, organizationId: subscriptions.organizationId, planId: subscriptions.planId, status: subscriptions.status, cancelAtPeriodEnd: subscriptions.cancelAtPeriodEnd })
        .from(subscriptions)
        .innerJoin(products, and(eq(products.tenantId, subscriptions.catalogTenantId), eq(products.id, subscriptions.productId)))
        .where(and(eq(subscriptions.tenantId, distributor.id), eq(products.type, 'storefront_plan'), inArray(subscriptions.status, ['active', 'suspended'])))
        .orderBy(desc(subscriptions.createdAt))
        .execute(),
    ]);
    return rows.map(({ org, tier, storefront }) => ({
      id: org.id,
      name: org.name,
      country: org.country,
      currency: org.currency,
      resellingEnabled: org.resellingEnabled,
      suspended: org.suspendedAt !== null,
      tierId: org.partnerTierId,
      tier,
      storefront: storefront?.id ? storefront : null,
      reservedSlug: org.storefrontSlug,
      sales: sales.filter((s) => s.tenantId === storefront?.id).map(({ currency, amount }) => ({ currency, amount })),
      subscription: subs.find((s) => s.organizationId === org.id) ?? null,
    }));
  });
}

/** The partner tiers of the distributor, for the console's choice. */
export async function listTiers(db: Db, distributor: Tenant) {
  return db.select().from(partnerTiers).where(eq(partnerTiers.tenantId, distributor.id)).orderBy(partnerTiers.discountBasisPoints);
}

/** The storefront-plan plans of the master catalog (Free and Standard, monthly and annual). */
export async function storefrontPlans(db: Db, distributor: Tenant) {
  return db
    .select({ id: plans.id, sku: plans.sku, name: plans.name, billingPeriod: plans.billingPeriod, storefrontPlan: plans.storefrontPlan, productId: plans.productId })
    .from(plans)
    .where(and(eq(plans.tenantId, distributor.id), isNotNull(plans.storefrontPlan)))
    .orderBy(plans.position, plans.sku);
}
