import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/client';
import { contractPrices, planPrices, plans, products, resellerHiddenProducts, resellerListings, type LocalizedText } from '../db/schema';
import { DomainError, isDomainError } from '../errors';
import type { Waterfall } from '../pricing/engine';
import { storefrontWaterfall, type PricingContext } from '../pricing/offer';

/** What a browser may say about a line: which plan and how many seats. Nothing else is read. */
export interface ItemRequest {
  planId: string;
  seats: number;
}

export interface PricedItem {
  planId: string;
  productId: string;
  productSlug: string;
  catalogTenantId: string;
  sku: string;
  productName: LocalizedText;
  planName: LocalizedText;
  billingPeriod: 'month' | 'year';
  termMonths: number;
  minSeats: number;
  maxSeats: number;
  connector: string;
  productType: 'saas' | 'license' | 'service' | 'storefront_plan';
  /** Sold for resale only: the order line must name the licensee. */
  resaleOnly: boolean;
  seats: number;
  waterfall: Waterfall;
  /** Sell price × seats, minor units. */
  amount: number;
}

/** A plan as the price engine needs it: the plan, its product, its price in one currency. */
export interface PlanRow {
  plan: typeof plans.$inferSelect;
  product: typeof products.$inferSelect;
  price: typeof planPrices.$inferSelect | null;
  /** Whether the storefront sells it (a reseller listing selected products may not). */
  listed: boolean;
}

/** The plans (of the storefront's catalog) with their products and prices in `currency`. */
export async function loadPlanRows(db: Db, ctx: PricingContext, ids: string[], currency: string): Promise<PlanRow[]> {
  if (!ids.length) return [];
  const rows = await db
    .select({ plan: plans, product: products, price: planPrices })
    .from(plans)
    .innerJoin(products, and(eq(products.tenantId, plans.tenantId), eq(products.id, plans.productId)))
    .leftJoin(planPrices, and(eq(planPrices.tenantId, plans.tenantId), eq(planPrices.planId, plans.id), eq(planPrices.currency, currency)))
    .where(and(eq(plans.tenantId, ctx.catalogTenantId), inArray(plans.id, ids)));
  let listed: Set<string> | null = null;
  let hidden = new Set<string>();
  if (ctx.kind === 'reseller' && rows.length) {
    const ids = [...new Set(rows.map((r) => r.product.id))];
    const [picks, hides] = await Promise.all([
      ctx.listing === 'selected'
        ? db.select({ productId: resellerListings.productId }).from(resellerListings).where(and(eq(resellerListings.tenantId, ctx.tenantId), inArray(resellerListings.productId, ids))).execute()
        : null,
      db.select({ productId: resellerHiddenProducts.productId }).from(resellerHiddenProducts).where(and(eq(resellerHiddenProducts.tenantId, ctx.tenantId), inArray(resellerHiddenProducts.productId, ids))).execute(),
    ]);
    if (picks) listed = new Set(picks.map((p) => p.productId));
    hidden = new Set(hides.map((p) => p.productId));
  }
  const resold = (r: (typeof rows)[number]) => ctx.kind !== 'reseller' || r.product.type !== 'storefront_plan';
  return rows.map((r) => ({ ...r, listed: resold(r) && !hidden.has(r.product.id) && (!listed || listed.has(r.product.id)) }));
}

/** A price the storefront agreed with one organisation for a plan, in one currency. */
export interface ContractPrice {
  planId: string;
  currency: string;
  amount: number;
}

/** The organisation's contract prices on the storefront (every currency: the pricing picks). */
export async function loadContracts(db: Db, tenantId: string, organizationId: string | null): Promise<ContractPrice[]> {
  if (!organizationId) return [];
  return db
    .select({ planId: contractPrices.planId, currency: contractPrices.currency, amount: contractPrices.amount })
    .from(contractPrices)
    .where(and(eq(contractPrices.tenantId, tenantId), eq(contractPrices.organizationId, organizationId)))
    .execute();
}

/**
 * Prices plans for this storefront in one currency, with the price engine, now. A plan the
 * storefront does not sell (another catalog, a product the reseller does not list) is "not found";
 * seats outside the plan's limits and a plan without a price in the currency are refused.
 */
export async function priceItems(
  db: Db,
  ctx: PricingContext,
  items: ItemRequest[],
  currency: string,
  organizationId: string | null,
): Promise<PricedItem[]> {
  if (!items.length) return [];
  const ids = [...new Set(items.map((i) => i.planId))];
  // The plans and the organisation's contract prices go out together (one round trip).
  const [rows, contracts] = await Promise.all([loadPlanRows(db, ctx, ids, currency), loadContracts(db, ctx.tenantId, organizationId)]);
  return priceWith(ctx, items, currency, rows, contracts);
}

/** The price engine over plans already read (see priceItems); throws for a line it cannot price. */
export function priceWith(
  ctx: PricingContext,
  items: ItemRequest[],
  currency: string,
  rows: PlanRow[],
  contracts: ContractPrice[],
): PricedItem[] {
  return items.map((item) => {
    const row = rows.find((r) => r.plan.id === item.planId);
    if (!row || !row.listed) throw new DomainError('not_found', 'This plan is not sold on this storefront.');
    const { plan, product, price } = row;
    if (!Number.isInteger(item.seats) || item.seats < plan.minSeats || item.seats > plan.maxSeats) {
      throw new DomainError('invalid_seats', `Choose between ${plan.minSeats} and ${plan.maxSeats} seats for this plan.`, { min: plan.minSeats, max: plan.maxSeats });
    }
    if (!price) throw new DomainError('no_price', `This plan has no price in ${currency}.`);
    let waterfall: Waterfall;
    try {
      const contract = contracts.find((c) => c.planId === plan.id && c.currency === currency)?.amount ?? null;
      waterfall = storefrontWaterfall(ctx, { productId: product.id, categoryId: product.categoryId, currency, wholesale: price.wholesale, msrp: price.msrp }, contract);
    } catch (error) {
      if (isDomainError(error, 'unpriceable')) throw new DomainError('no_price', 'This plan cannot be priced right now. Please contact the store.');
      throw error;
    }
    // On the distributor's own storefront the waterfall runs from MSRP; the frozen wholesale
    // and cost are still the catalog's wholesale price.
    const wholesale = price.wholesale;
    const cost = ctx.kind === 'distributor' ? price.wholesale : waterfall.cost;
    return {
      planId: plan.id,
      productId: product.id,
      productSlug: product.slug,
      catalogTenantId: plan.tenantId,
      sku: plan.sku,
      productName: product.name,
      planName: plan.name,
      billingPeriod: plan.billingPeriod,
      termMonths: plan.termMonths,
      minSeats: plan.minSeats,
      maxSeats: plan.maxSeats,
      connector: product.connectorKey,
      productType: product.type,
      resaleOnly: product.resaleOnly,
      seats: item.seats,
      waterfall: { ...waterfall, wholesale, cost },
      amount: waterfall.sell * item.seats,
    };
  });
}

