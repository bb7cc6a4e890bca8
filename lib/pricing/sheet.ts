import { and, asc, eq, ne } from 'drizzle-orm';
import { settings } from '../config/settings';
import type { Db } from '../db/client';
import { categories, planPrices, plans, products, vendors, type LocalizedText } from '../db/schema';
import { TtlLru } from '../tenancy/lru';
import { onTenantChange } from '../tenancy/invalidate';

/** One plan of a distributor's catalog as the pricing pages work from it: wholesale per currency. */
export interface SheetPlan {
  planId: string;
  planSku: string;
  planName: LocalizedText;
  billingPeriod: 'month' | 'year';
  productId: string;
  productSlug: string;
  productName: LocalizedText;
  categoryId: string;
  categorySlug: string;
  vendor: string;
  /** Wholesale price per seat and billing period, minor units, by currency. */
  wholesale: Record<string, number>;
  /** Lower-case English product name, product and plan SKU, vendor: what the text filter matches. */
  text: string;
}

export interface PriceSheet {
  catalogTenantId: string;
  /** In catalog order: product name (English), then the plan's position. */
  plans: SheetPlan[];
  categories: { id: string; slug: string; name: LocalizedText }[];
}

/**
 * A distributor's whole catalog in memory, for the reseller portal's pricing pages: pricing every
 * plan against a proposed markup (the simulator) must not read 100,000 plans from the database on
 * every keystroke. One entry per distributor, shared by its resellers (they all see its whole
 * catalog and wholesale prices; their costs and rules are applied per request). Any catalog or
 * price change forgets it, on every server (lib/tenancy/invalidate.ts); it lives
 * CACHE_TTL_SECONDS at most, and one read serves everyone asking while it runs.
 */
const KEY = Symbol.for('channelfront.priceSheets');
interface Store {
  generation: number;
  sheets: TtlLru<string, PriceSheet>;
  reading: Map<string, Promise<PriceSheet>>;
}

function store(): Store {
  const holder = globalThis as { [KEY]?: Store };
  holder[KEY] ??= { generation: 0, sheets: new TtlLru(8, settings().cacheTtlSeconds * 1000), reading: new Map() };
  return holder[KEY];
}

export function forgetPriceSheets(): void {
  const s = store();
  s.generation++;
  s.sheets.clear();
  s.reading.clear();
}
onTenantChange('price-sheets', forgetPriceSheets);

export async function priceSheet(db: Db, catalogTenantId: string): Promise<PriceSheet> {
  const s = store();
  const hit = s.sheets.get(catalogTenantId);
  if (hit) return hit;
  const pending = s.reading.get(catalogTenantId);
  if (pending) return pending;
  const generation = s.generation;
  const reading = loadSheet(db, catalogTenantId).then(
    (sheet) => {
      if (generation === s.generation) s.sheets.set(catalogTenantId, sheet);
      s.reading.delete(catalogTenantId);
      return sheet;
    },
    (error: unknown) => {
      s.reading.delete(catalogTenantId);
      throw error;
    },
  );
  s.reading.set(catalogTenantId, reading);
  return reading;
}

async function loadSheet(db: Db, catalogTenantId: string): Promise<PriceSheet> {
  // Storefront plans are the distributor's to sell to resellers, never a reseller's to price.
  const [rows, prices, cats] = await Promise.all([
    db
      .select({
        planId: plans.id,
        planSku: plans.sku,
        planName: plans.name,
        billingPeriod: plans.billingPeriod,
        productId: products.id,
        productSku: products.sku,
        productSlug: products.slug,
        productName: products.name,
        categoryId: products.categoryId,
        categorySlug: categories.slug,
        vendor: vendors.name,
      })
      .from(plans)
      .innerJoin(products, and(eq(products.tenantId, plans.tenantId), eq(products.id, plans.productId)))
      .innerJoin(categories, and(eq(categories.tenantId, products.tenantId), eq(categories.id, products.categoryId)))
      .innerJoin(vendors, and(eq(vendors.tenantId, products.tenantId), eq(vendors.id, products.vendorId)))
      .where(and(eq(plans.tenantId, catalogTenantId), ne(products.type, 'storefront_plan')))
      .orderBy(asc(products.sku), asc(plans.position), asc(plans.sku))
      .execute(),
    db.select({ planId: planPrices.planId, currency: planPrices.currency, wholesale: planPrices.wholesale }).from(planPrices).where(eq(planPrices.tenantId, catalogTenantId)).execute(),
    db.select({ id: categories.id, slug: categories.slug, name: categories.name }).from(categories).where(eq(categories.tenantId, catalogTenantId)).orderBy(asc(categories.position), asc(categories.slug)).execute(),
  ]);
  const byPlan = new Map<string, SheetPlan>();
  const list = rows.map((r) => {
    const plan: SheetPlan = {
      planId: r.planId,
      planSku: r.planSku,
      planName: r.planName,
      billingPeriod: r.billingPeriod,
      productId: r.productId,
      productSlug: r.productSlug,
      productName: r.productName,
      categoryId: r.categoryId,
      categorySlug: r.categorySlug,
      vendor: r.vendor,
      wholesale: {},
      text: `${r.productName.en ?? ''} ${r.productSku} ${r.planSku} ${r.vendor}`.toLowerCase(),
    };
    byPlan.set(r.planId, plan);
    return plan;
  });
  for (const p of prices) {
    const plan = byPlan.get(p.planId);
    if (plan) plan.wholesale[p.currency] = p.wholesale;
  }
  // Stable catalog order without asking the database to sort localized JSON: English name, then
  // the order the SQL gave (product SKU, plan position).
  const index = new Map(list.map((p, i) => [p, i]));
  list.sort((a, b) => compareText(a.productName.en ?? '', b.productName.en ?? '') || index.get(a)! - index.get(b)!);
  // Categories with something a reseller can price (not the storefront plans' own).
  const used = new Set(list.map((p) => p.categoryId));
  return { catalogTenantId, plans: list, categories: cats.filter((c) => used.has(c.id)) };
}

const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });
export const compareText = (a: string, b: string) => collator.compare(a, b);
