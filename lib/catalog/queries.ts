import { isDomainError } from '../errors';
import { and, asc, eq, inArray, ne, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client';
import { searchQuery, searchWords } from './search';
import { categories, planPrices, plans, products, resellerHiddenProducts, resellerListings, vendors, type LocalizedText } from '../db/schema';
import { storefrontWaterfall, type PricingContext } from '../pricing/offer';

/** A plan as a storefront shows it: sell prices only (never wholesale or cost). */
export interface ShelfPlan {
  id: string;
  sku: string;
  name: LocalizedText;
  billingPeriod: 'month' | 'year';
  termMonths: number;
  minSeats: number;
  maxSeats: number;
  cancellationWindowHours: number;
  /** Sell price per seat per billing period, minor units, by currency. */
  prices: Record<string, number>;
}

export interface ShelfProduct {
  id: string;
  slug: string;
  sku: string;
  name: LocalizedText;
  description: LocalizedText;
  vendor: string;
  vendorSlug: string;
  category: LocalizedText;
  categorySlug: string;
  type: 'saas' | 'license' | 'service' | 'storefront_plan';
  resaleOnly: boolean;
  plans: ShelfPlan[];
}

export interface ListQuery {
  q?: string;
  category?: string;
  vendor?: string;
  period?: 'month' | 'year';
  page: number;
  pageSize: number;
  locale: string;
}

/**
 * Products this storefront sells: the catalog's, narrowed to the reseller's chosen list, less the
 * products it hid. Storefront plans are the distributor's to sell to its resellers, never a
 * reseller's to its customers.
 */
function listedCondition(ctx: PricingContext): SQL {
  if (ctx.kind !== 'reseller') return eq(products.tenantId, ctx.catalogTenantId);
  const shown = and(
    eq(products.tenantId, ctx.catalogTenantId),
    ne(products.type, 'storefront_plan'),
    sql`not exists (select 1 from ${resellerHiddenProducts} where ${resellerHiddenProducts.tenantId} = ${ctx.tenantId} and ${resellerHiddenProducts.productId} = ${products.id})`,
  )!;
  if (ctx.listing === 'selected') {
    return and(
      shown,
      sql`exists (select 1 from ${resellerListings} where ${resellerListings.tenantId} = ${ctx.tenantId} and ${resellerListings.productId} = ${products.id})`,
    )!;
  }
  return shown;
}

const productColumns = {
  id: products.id,
  slug: products.slug,
  sku: products.sku,
  name: products.name,
  description: products.description,
  categoryId: products.categoryId,
  type: products.type,
  resaleOnly: products.resaleOnly,
  vendor: vendors.name,
  vendorSlug: vendors.slug,
  category: categories.name,
  categorySlug: categories.slug,
};

const withVendor = and(eq(vendors.tenantId, products.tenantId), eq(vendors.id, products.vendorId));
const withCategory = and(eq(categories.tenantId, products.tenantId), eq(categories.id, products.categoryId));

function baseQuery(db: Db, ctx: PricingContext, where: SQL[]) {
  return db
    .select({ ...productColumns, total: sql<number>`count(*) over ()`.mapWith(Number) })
    .from(products)
    .innerJoin(vendors, withVendor)
    .innerJoin(categories, withCategory)
    .where(and(listedCondition(ctx), ...where));
}

/**
 * How many matches of a search are ranked at most: the matches whose name, SKU or vendor match
 * first, then by SKU. Bounds the work of a search that matches most of a large catalog.
 */
export const SEARCH_CANDIDATES = 2_000;

export async function listShelfProducts(db: Db, ctx: PricingContext, query: ListQuery, currencies: string[], options: { candidates?: number } = {}) {
  const where: SQL[] = [];
  const search = query.q ? await searchQuery(db, ctx.catalogTenantId, searchWords(query.q)) : null;
  if (query.category) where.push(eq(categories.slug, query.category));
  if (query.vendor) where.push(eq(vendors.slug, query.vendor));
  if (query.period) {
    where.push(
      sql`exists (select 1 from ${plans} where ${plans.tenantId} = ${products.tenantId} and ${plans.productId} = ${products.id} and ${plans.billingPeriod} = ${query.period})`,
    );
  }
  if (search) {
    // The candidates are read through the index and ordered by a cheap test; only they are ranked.
    const candidates = db
      .select({ id: products.id })
      .from(products)
      .innerJoin(vendors, withVendor)
      .innerJoin(categories, withCategory)
      .where(and(listedCondition(ctx), ...where, sql`${products.searchDoc} @@ to_tsquery('simple', ${search.all})`))
      .orderBy(sql`${products.searchDoc} @@ to_tsquery('simple', ${search.names}) desc`, asc(products.sku))
      .limit(options.candidates ?? SEARCH_CANDIDATES);
    where.push(inArray(products.id, candidates));
  }
  const name = sql`coalesce(${products.name}->>${query.locale}, ${products.name}->>'en')`;
  // Ties are broken by the SKU (unique in the catalog), so paging through results is stable.
  const order = search ? [sql`ts_rank(${products.searchDoc}, to_tsquery('simple', ${search.all})) desc`, asc(name), asc(products.sku)] : [asc(name), asc(products.sku)];
  const rows = await baseQuery(db, ctx, where)
    .orderBy(...order)
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize);
  const total = rows[0]?.total ?? 0;
  const items = await withPlans(db, ctx, rows, currencies);
  return { items, total, page: query.page, pages: Math.max(1, Math.ceil(total / query.pageSize)) };
}

export async function getShelfProduct(db: Db, ctx: PricingContext, slug: string, currencies: string[]): Promise<ShelfProduct | null> {
  const rows = await baseQuery(db, ctx, [eq(products.slug, slug)]).limit(1);
  const [product] = await withPlans(db, ctx, rows, currencies);
  return product ?? null;
}

export async function featuredShelfProducts(db: Db, ctx: PricingContext, currencies: string[], limit = 6): Promise<ShelfProduct[]> {
  const rows = await baseQuery(db, ctx, [eq(products.featured, true)]).orderBy(asc(products.sku)).limit(limit);
  return withPlans(db, ctx, rows, currencies);
}

/** Categories and vendors that have at least one product on this storefront, for navigation. */
export async function shelfFacets(db: Db, ctx: PricingContext) {
  const rows = await db
    .selectDistinct({ categorySlug: categories.slug, category: categories.name, position: categories.position, vendorSlug: vendors.slug, vendor: vendors.name })
    .from(products)
    .innerJoin(vendors, withVendor)
    .innerJoin(categories, withCategory)
    .where(listedCondition(ctx));
  const byCategory = new Map(rows.map((r) => [r.categorySlug, { slug: r.categorySlug, name: r.category, position: r.position }]));
  const byVendor = new Map(rows.map((r) => [r.vendorSlug, { slug: r.vendorSlug, name: r.vendor }]));
  return {
    categories: [...byCategory.values()].sort((a, b) => a.position - b.position || a.slug.localeCompare(b.slug)),
    vendors: [...byVendor.values()].sort((a, b) => a.name.localeCompare(b.name)),
  };
}

type ProductRow = Awaited<ReturnType<typeof baseQuery>>[number];

async function withPlans(db: Db, ctx: PricingContext, rows: ProductRow[], currencies: string[]): Promise<ShelfProduct[]> {
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  const planRows = await db
    .select()
    .from(plans)
    .where(and(eq(plans.tenantId, ctx.catalogTenantId), inArray(plans.productId, ids)))
    .orderBy(asc(plans.position), asc(plans.sku));
  const priceRows = planRows.length
    ? await db
        .select()
        .from(planPrices)
        .where(and(eq(planPrices.tenantId, ctx.catalogTenantId), inArray(planPrices.planId, planRows.map((p) => p.id)), inArray(planPrices.currency, currencies)))
    : [];
  return rows.map((row) => ({
    id: row.id,
    slug: row.slug,
    sku: row.sku,
    name: row.name,
    description: row.description,
    vendor: row.vendor,
    vendorSlug: row.vendorSlug,
    category: row.category,
    categorySlug: row.categorySlug,
    type: row.type,
    resaleOnly: row.resaleOnly,
    plans: planRows
      .filter((p) => p.productId === row.id)
      .map((p) => ({
        id: p.id,
        sku: p.sku,
        name: p.name,
        billingPeriod: p.billingPeriod,
        termMonths: p.termMonths,
        minSeats: p.minSeats,
        maxSeats: p.maxSeats,
        cancellationWindowHours: p.cancellationWindowHours,
        prices: Object.fromEntries(
          priceRows
            .filter((price) => price.planId === p.id)
            .flatMap((price) => {
              try {
                const w = storefrontWaterfall(ctx, { productId: row.id, categoryId: row.categoryId, currency: price.currency, wholesale: price.wholesale, msrp: price.msrp });
                return [[price.currency, w.sell] as const];
              } catch (error) {
                // Configuration is validated when saved; a price that still fails is withheld, not guessed.
                if (isDomainError(error, 'unpriceable')) return [];
                throw error;
              }
            }),
        ),
      })),
  }));
}

/** Every product page of this storefront (the sitemap's list), by slug. */
export async function shelfSlugs(db: Db, ctx: PricingContext): Promise<string[]> {
  const rows = await db.select({ slug: products.slug }).from(products).where(listedCondition(ctx)).orderBy(asc(products.slug));
  return rows.map((r) => r.slug);
}
