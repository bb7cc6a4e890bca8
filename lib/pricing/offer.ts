import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { markupRules, partnerTiers, resellerOffers } from '../db/schema';
import type { Tenant } from '../tenancy/types';
import { priceWaterfall, type Markup, type Rounding, type Waterfall } from './engine';

export interface MarkupRule {
  scope: 'all' | 'category' | 'product';
  categoryId: string | null;
  productId: string | null;
  kind: 'percent' | 'fixed';
  basisPoints: number | null;
  currency: string | null;
  amount: number | null;
}

/** What decides a storefront's prices: whose catalog, which discount, which markups. */
export type PricingContext =
  | { kind: 'distributor'; tenantId: string; catalogTenantId: string }
  | {
      kind: 'reseller';
      tenantId: string;
      catalogTenantId: string;
      tierDiscountBasisPoints: number;
      rounding: Rounding;
      listing: 'all' | 'selected';
      rules: MarkupRule[];
    };

/** Null for a reseller without an offer (it has nothing to sell yet). */
export async function loadPricingContext(db: Db, tenant: Pick<Tenant, 'id' | 'kind' | 'parentId'>): Promise<PricingContext | null> {
  if (tenant.kind === 'distributor') return { kind: 'distributor', tenantId: tenant.id, catalogTenantId: tenant.id };
  // Both reads go out together (one round trip): the rules do not depend on the offer.
  const [[offer], rules] = await Promise.all([
    db
      .select({ offer: resellerOffers, discount: partnerTiers.discountBasisPoints })
      .from(resellerOffers)
      .innerJoin(partnerTiers, and(eq(partnerTiers.tenantId, resellerOffers.catalogTenantId), eq(partnerTiers.id, resellerOffers.tierId)))
      .where(eq(resellerOffers.tenantId, tenant.id))
      .execute(),
    db
      .select({
        scope: markupRules.scope,
        categoryId: markupRules.categoryId,
        productId: markupRules.productId,
        kind: markupRules.kind,
        basisPoints: markupRules.basisPoints,
        currency: markupRules.currency,
        amount: markupRules.amount,
      })
      .from(markupRules)
      .where(eq(markupRules.tenantId, tenant.id))
      .execute(),
  ]);
  if (!offer) return null;
  return {
    kind: 'reseller',
    tenantId: tenant.id,
    catalogTenantId: offer.offer.catalogTenantId,
    tierDiscountBasisPoints: offer.discount,
    rounding: offer.offer.rounding,
    listing: offer.offer.listing,
    rules,
  };
}

/**
 * The markup for a product in a currency: the most specific level with a rule wins (product, then
 * category, then all); within a level a fixed amount in the currency beats a percentage.
 */
export function resolveMarkup(rules: MarkupRule[], productId: string, categoryId: string, currency: string): Markup | null {
  return markupResolver(rules)(productId, categoryId, currency);
}

/**
 * `resolveMarkup` with the rules indexed once, for pricing many plans against one rule set: each
 * answer is a shared object, so pricing 100,000 plans allocates nothing per plan.
 */
export function markupResolver(rules: MarkupRule[]): (productId: string, categoryId: string, currency: string) => Markup | null {
  interface Level { fixed: Map<string, Markup>; percent: Markup | null }
  const level = (): Level => ({ fixed: new Map(), percent: null });
  const byProduct = new Map<string, Level>();
  const byCategory = new Map<string, Level>();
  const all = level();
  for (const r of rules) {
    const key = r.scope === 'product' ? r.productId : r.scope === 'category' ? r.categoryId : null;
    const map = r.scope === 'product' ? byProduct : r.scope === 'category' ? byCategory : null;
    let at = all;
    if (map) {
      if (!key) continue;
      at = map.get(key) ?? level();
      map.set(key, at);
    }
    // The first rule of a kind wins, as a search through the list would find it.
    if (r.kind === 'fixed' && r.currency && r.amount !== null && !at.fixed.has(r.currency)) at.fixed.set(r.currency, { kind: 'fixed', amount: r.amount });
    if (r.kind === 'percent' && r.basisPoints !== null && !at.percent) at.percent = { kind: 'percent', basisPoints: r.basisPoints };
  }
  const pick = (at: Level | undefined, currency: string) => (at ? (at.fixed.get(currency) ?? at.percent) : null);
  return (productId, categoryId, currency) => pick(byProduct.get(productId), currency) ?? pick(byCategory.get(categoryId), currency) ?? pick(all, currency);
}

export interface PriceSource {
  productId: string;
  categoryId: string;
  currency: string;
  wholesale: number;
  msrp: number;
}

/**
 * The waterfall behind a storefront price. On the distributor's own storefront anonymous visitors
 * see the MSRP; on a reseller's, the reseller's sell price.
 */
export function storefrontWaterfall(ctx: PricingContext, source: PriceSource, contractPrice?: number | null): Waterfall {
  if (ctx.kind === 'distributor') {
    return priceWaterfall({ currency: source.currency, wholesale: source.msrp, tierDiscountBasisPoints: 0, markup: null, rounding: 'none', contractPrice });
  }
  return priceWaterfall({
    currency: source.currency,
    wholesale: source.wholesale,
    tierDiscountBasisPoints: ctx.tierDiscountBasisPoints,
    markup: resolveMarkup(ctx.rules, source.productId, source.categoryId, source.currency),
    rounding: ctx.rounding,
    contractPrice,
  });
}

/** The name of the partner tier the distributor gave this reseller ('' when none). */
export async function offerTierName(db: Db, tenantId: string): Promise<string> {
  const [tier] = await db
    .select({ name: partnerTiers.name })
    .from(resellerOffers)
    .innerJoin(partnerTiers, and(eq(partnerTiers.tenantId, resellerOffers.catalogTenantId), eq(partnerTiers.id, resellerOffers.tierId)))
    .where(eq(resellerOffers.tenantId, tenantId));
  return tier?.name ?? '';
}
