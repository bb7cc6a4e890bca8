import { and, desc, eq, gt, isNotNull, isNull, sql } from 'drizzle-orm';
import { now } from '../clock';
import type { Db } from '../db/client';
import { actForTenant, withTenant } from '../db/tenant';
import { invitations, memberships, organizations, partnerTiers, plans, products, resellerOffers, subscriptions, tenants, users, type StorefrontChoice, type TenantRow } from '../db/schema';
import { enqueue } from '../jobs';
import { provisioningFailed } from '../provisioning/types';
import { tenantChanged } from '../tenancy/invalidate';
import { isUuid } from '../tenancy/repo';

type StorefrontPlan = 'free' | 'standard';

/** The reseller plan a storefront-plan SKU of the distributor's catalog gives. */
async function planOfSku(tx: Db, distributorId: string, sku: string): Promise<StorefrontPlan> {
  const [row] = await tx
    .select({ plan: plans.storefrontPlan })
    .from(plans)
    .where(and(eq(plans.tenantId, distributorId), eq(plans.sku, sku), isNotNull(plans.storefrontPlan)));
  if (!row?.plan || row.plan === 'basic') throw provisioningFailed(`"${sku}" is not a storefront plan of this catalog.`);
  return row.plan;
}

/**
 * Opens (or reopens) the reseller company's storefront for a storefront-plan line: creates its
 * tenant on the first purchase, sets the plan, makes the company's admins reseller admins and
 * queues the welcome mail. The company's row is locked first, so two purchases of one company
 * (or a retried job) find the one tenant; the slug is unique besides. Returns the tenant id.
 */
export async function openStorefront(
  db: Db,
  args: { distributorId: string; organizationId: string; sku: string; choice: StorefrontChoice | null; requestKey: string },
): Promise<string> {
  return withTenant(db, args.distributorId, async (tx) => {
    const [org] = await tx
      .select()
      .from(organizations)
      .where(and(eq(organizations.tenantId, args.distributorId), eq(organizations.id, args.organizationId)))
      .for('update');
    if (!org) throw provisioningFailed('The reseller company of this order no longer exists.');
    const plan = await planOfSku(tx, args.distributorId, args.sku);
    const status = org.suspendedAt ? ('suspended' as const) : ('active' as const);
    let tenant: TenantRow | undefined;
    if (org.resellerTenantId) {
      [tenant] = await tx.update(tenants).set({ plan, status, storefrontOpenedAt: sql`coalesce(${tenants.storefrontOpenedAt}, ${now().toISOString()}::timestamptz)`, updatedAt: now() }).where(eq(tenants.id, org.resellerTenantId)).returning();
    } else {
      const choice = args.choice;
      if (!choice) throw provisioningFailed('The order line carries no storefront choice (address, theme, languages).');
      if (org.storefrontSlug !== choice.slug) throw provisioningFailed(`The storefront address "${choice.slug}" is not the one reserved for ${org.name}.`);
      [tenant] = await tx
        .insert(tenants)
        .values({
          slug: choice.slug,
          name: org.name,
          kind: 'reseller',
          parentId: args.distributorId,
          status,
          plan,
          storefrontOpenedAt: now(),
          theme: choice.theme,
          locales: choice.locales,
          defaultLocale: choice.defaultLocale,
          currencies: [choice.currency],
          defaultCurrency: choice.currency,
        })
        .onConflictDoNothing()
        .returning();
      if (!tenant) throw provisioningFailed(`The storefront address "${choice.slug}" belongs to another storefront.`);
      await tx.update(organizations).set({ resellerTenantId: tenant.id }).where(and(eq(organizations.tenantId, args.distributorId), eq(organizations.id, org.id)));
    }
    if (!tenant) throw provisioningFailed('The storefront of this company no longer exists.');
    const tierId = org.partnerTierId ?? (await entryTier(tx, args.distributorId));
    const admins = await tx
      .select({ email: users.email, name: users.name })
      .from(memberships)
      .innerJoin(users, and(eq(users.tenantId, memberships.tenantId), eq(users.id, memberships.userId)))
      .where(and(eq(memberships.tenantId, args.distributorId), eq(memberships.organizationId, org.id), eq(memberships.role, 'customer_admin')));
    // Admins invited to the company who have not signed in yet become the storefront's admins on
    // their first sign-in there (the storefront's own invitation).
    const invited = await tx
      .select({ email: invitations.email })
      .from(invitations)
      .where(
        and(
          eq(invitations.tenantId, args.distributorId),
          eq(invitations.organizationId, org.id),
          eq(invitations.role, 'customer_admin'),
          isNull(invitations.acceptedAt),
          gt(invitations.expiresAt, now()),
        ),
      );
    const pending = invited.map((i) => i.email).filter((email) => !admins.some((a) => a.email === email));
    await enqueue(tx, 'storefront-welcome', { tenantId: tenant.id, emails: [...admins.map((a) => a.email), ...pending] }, { singletonKey: `welcome:${args.requestKey}` });
    await tenantChanged(tx, tenant.id);

    // From here on the transaction writes the reseller's own rows (its offer, its people).
    await actForTenant(tx, tenant.id);
    if (tierId) await tx.insert(resellerOffers).values({ tenantId: tenant.id, catalogTenantId: args.distributorId, tierId }).onConflictDoNothing();
    for (const email of pending) {
      const [open] = await tx
        .select({ id: invitations.id })
        .from(invitations)
        .where(and(eq(invitations.tenantId, tenant.id), eq(invitations.email, email), isNull(invitations.organizationId), isNull(invitations.acceptedAt)));
      if (!open) {
        await tx.insert(invitations).values({ tenantId: tenant.id, email, organizationId: null, role: 'reseller_admin', invitedBy: 'storefront plan', expiresAt: new Date(now().getTime() + 30 * 86_400_000) });
      }
    }
    for (const admin of admins) {
      await tx.insert(users).values({ tenantId: tenant.id, email: admin.email, name: admin.name }).onConflictDoNothing();
      const [user] = await tx.select({ id: users.id }).from(users).where(and(eq(users.tenantId, tenant.id), eq(users.email, admin.email)));
      await tx.insert(memberships).values({ tenantId: tenant.id, userId: user!.id, organizationId: null, role: 'reseller_admin' }).onConflictDoNothing();
    }
    return tenant.id;
  });
}

/** The tier with the smallest discount: where a reseller without an assigned tier starts. */
async function entryTier(tx: Db, distributorId: string): Promise<string | null> {
  const [tier] = await tx.select({ id: partnerTiers.id }).from(partnerTiers).where(eq(partnerTiers.tenantId, distributorId)).orderBy(partnerTiers.discountBasisPoints, partnerTiers.name).limit(1);
  return tier?.id ?? null;
}

/** Moves the storefront to the plan of `sku` (an upgrade at once, a downgrade at renewal). */
export async function changeStorefrontPlan(db: Db, resellerTenantId: string, sku: string): Promise<void> {
  const parentId = await parentOf(db, resellerTenantId);
  await withTenant(db, parentId, async (tx) => {
    const plan = await planOfSku(tx, parentId, sku);
    await tx.update(tenants).set({ plan, updatedAt: now() }).where(eq(tenants.id, resellerTenantId));
    await tenantChanged(tx, resellerTenantId);
  });
}

/**
 * After a storefront subscription ended (cancelled, or suspended for non-payment): the storefront
 * follows what the company still has, which is Basic when no storefront subscription is active.
 * Nothing is deleted: a new subscription brings the storefront back as it was.
 */
export async function followStorefrontSubscriptions(db: Db, resellerTenantId: string): Promise<void> {
  const parentId = await parentOf(db, resellerTenantId);
  await withTenant(db, parentId, async (tx) => {
    const [org] = await tx
      .select({ id: organizations.id })
      .from(organizations)
      .where(and(eq(organizations.tenantId, parentId), eq(organizations.resellerTenantId, resellerTenantId)))
      .for('update');
    let plan: TenantRow['plan'] = 'basic';
    if (org) {
      const [active] = await tx
        .select({ plan: plans.storefrontPlan })
        .from(subscriptions)
        .innerJoin(products, and(eq(products.tenantId, subscriptions.catalogTenantId), eq(products.id, subscriptions.productId)))
        .innerJoin(plans, and(eq(plans.tenantId, subscriptions.catalogTenantId), eq(plans.id, subscriptions.planId)))
        .where(and(eq(subscriptions.tenantId, parentId), eq(subscriptions.organizationId, org.id), eq(subscriptions.status, 'active'), eq(products.type, 'storefront_plan')))
        .orderBy(desc(subscriptions.createdAt))
        .limit(1);
      if (active?.plan) plan = active.plan;
    }
    await tx.update(tenants).set({ plan, updatedAt: now() }).where(eq(tenants.id, resellerTenantId));
    await tenantChanged(tx, resellerTenantId);
  });
}

async function parentOf(db: Db, resellerTenantId: string): Promise<string> {
  if (!isUuid(resellerTenantId)) throw provisioningFailed('This storefront subscription points at no reseller storefront.');
  // The tenant registry is readable from any transaction (row-level security lets every tenant
  // read it; only its own row and its resellers' rows are writable).
  const [row] = await db.select({ parentId: tenants.parentId, kind: tenants.kind }).from(tenants).where(eq(tenants.id, resellerTenantId));
  if (!row || row.kind !== 'reseller' || !row.parentId) throw provisioningFailed('This storefront subscription points at no reseller storefront.');
  return row.parentId;
}

/** Where on the distributor's storefront a storefront plan is bought (its product page), or null. */
export async function storefrontProductPath(db: Db, distributorId: string): Promise<string | null> {
  const [row] = await db
    .select({ slug: products.slug })
    .from(products)
    .where(and(eq(products.tenantId, distributorId), eq(products.type, 'storefront_plan')))
    .orderBy(products.sku)
    .limit(1);
  return row ? `/products/${row.slug}` : null;
}
