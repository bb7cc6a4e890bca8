import { and, desc, eq, getTableColumns, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { domains, tenants } from '../db/schema';
import { toTenant, type Tenant } from './types';

// A reseller's row carries its distributor's default design tokens, read in the same query. The
// outer column is spelled out: drizzle leaves a column unqualified in a select list, where the
// subquery's own `parent_id` would win.
const TENANT = {
  ...getTableColumns(tenants),
  inheritedTokens: sql<Record<string, string> | null>`(select p.default_tokens from tenants p where p.id = "tenants"."parent_id")`,
};

export async function getTenant(db: Db, tenantId: string): Promise<Tenant | null> {
  if (!isUuid(tenantId)) return null;
  const [row] = await db.select(TENANT).from(tenants).where(eq(tenants.id, tenantId)).limit(1);
  return row ? toTenant(row) : null;
}

export async function findTenantBySlug(db: Db, slug: string): Promise<Tenant | null> {
  const [row] = await db.select(TENANT).from(tenants).where(eq(tenants.slug, slug)).limit(1);
  return row ? toTenant(row) : null;
}

export async function findDistributor(db: Db): Promise<Tenant | null> {
  const [row] = await db.select(TENANT).from(tenants).where(eq(tenants.kind, 'distributor')).limit(1);
  return row ? toTenant(row) : null;
}

/** Only verified custom domains route traffic: an unverified claim must not hijack a hostname. */
export async function findTenantByDomain(db: Db, hostname: string): Promise<Tenant | null> {
  const [row] = await db
    .select({ tenant: TENANT })
    .from(domains)
    .innerJoin(tenants, eq(tenants.id, domains.tenantId))
    .where(and(eq(domains.hostname, hostname), eq(domains.verified, true)))
    .limit(1);
  return row ? toTenant(row.tenant) : null;
}

/**
 * The host a storefront is found under by search engines and in its canonical links: its first
 * verified custom domain where its plan serves custom domains (lib/tenancy/resolve.ts), otherwise
 * its platform subdomain; the distributor's is the platform domain itself.
 */
export async function primaryHostname(db: Db, tenant: Pick<Tenant, 'id' | 'slug' | 'kind' | 'plan'>, platform: string): Promise<string> {
  if (tenant.kind === 'distributor') return platform;
  if (tenant.plan !== 'free') {
    const [custom] = await db
      .select({ hostname: domains.hostname })
      .from(domains)
      .where(and(eq(domains.tenantId, tenant.id), eq(domains.verified, true), eq(domains.kind, 'custom')))
      .orderBy(desc(domains.primary), domains.createdAt, domains.hostname)
      .limit(1);
    if (custom) return custom.hostname;
  }
  return `${tenant.slug}.${platform}`;
}

/** The storefront's verified primary custom domain, if it chose one. */
export async function primaryCustomDomain(db: Db, tenantId: string): Promise<string | null> {
  const [row] = await db
    .select({ hostname: domains.hostname })
    .from(domains)
    .where(and(eq(domains.tenantId, tenantId), eq(domains.primary, true), eq(domains.verified, true)))
    .limit(1);
  return row?.hostname ?? null;
}

export async function listDomains(db: Db, tenantId: string) {
  return db.select().from(domains).where(eq(domains.tenantId, tenantId)).orderBy(domains.hostname);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/** A distributor's reseller storefronts, by name or slug, as the distributor's portal lists them. */
export async function listResellers(db: Db, distributorId: string, options: { orderBy: 'name' | 'slug'; limit?: number }) {
  const query = db
    .select({ id: tenants.id, slug: tenants.slug, name: tenants.name, plan: tenants.plan, status: tenants.status })
    .from(tenants)
    .where(eq(tenants.parentId, distributorId))
    .orderBy(options.orderBy === 'name' ? tenants.name : tenants.slug);
  return options.limit ? query.limit(options.limit) : query;
}

/** The address and plan of a storefront, for the company that owns it. */
export async function storefrontSummary(db: Db, tenantId: string): Promise<{ slug: string; plan: Tenant['plan'] } | null> {
  const [row] = await db.select({ slug: tenants.slug, plan: tenants.plan }).from(tenants).where(eq(tenants.id, tenantId));
  return row ?? null;
}
