import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { DomainError } from '../errors';
import type { Db } from '../db/client';
import { categories, markupRules, products, resellerOffers } from '../db/schema';
import { catalogChanged } from '../tenancy/invalidate';
import type { Rounding } from './engine';
import { loadPricingContext } from './offer';
import { priceSheet } from './sheet';
import { nameBelowCost, resolveChange, simulate, type PricingChange } from './simulator';
import type { Tenant } from '../tenancy/types';

const target = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be a category or product slug');
const scope = z.discriminatedUnion('scope', [
  z.strictObject({ scope: z.literal('all') }),
  z.strictObject({ scope: z.literal('category'), category: target }),
  z.strictObject({ scope: z.literal('product'), product: target }),
]);
const value = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('percent'),
    // Whole basis points (1250 = 12.5 %).
    // Negative values are read, so the refusal can name the plans they would sell below cost.
    basisPoints: z.number().int('must be whole basis points (1250 = 12.5 %)').min(-10_000).max(100_000),
  }),
  z.strictObject({
    kind: z.literal('fixed'),
    currency: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as EUR'),
    amount: z.number().int('must be whole minor units (250 = 2.50)').min(-100_000_000).max(100_000_000),
  }),
]);

export const markupRuleInput = z.intersection(scope, value);
export type MarkupRuleInput = z.output<typeof markupRuleInput>;

/**
 * Sets the reseller's markup for a level and target through the API (the rounding rule stays):
 * the same rules and refusals as the portal's markup form.
 */
export async function setMarkupRule(db: Db, tenant: Tenant, input: MarkupRuleInput) {
  await savePricing(db, tenant, (current) => ({
    scope: input.scope,
    target: input.scope === 'category' ? input.category : input.scope === 'product' ? input.product : null,
    rule: input.kind === 'percent' ? { kind: 'percent', basisPoints: input.basisPoints } : { kind: 'fixed', currency: input.currency, amount: input.amount },
    rounding: current.rounding,
  }));
  return listMarkupRules(db, tenant);
}

/**
 * Saves a change to the reseller's markups and rounding and publishes it at once: the storefront's
 * cached catalog and prices expire on every server. Refused, with nothing saved, when the change
 * would sell any plan below the reseller's cost (the plans are named), or names something the
 * catalog or the storefront does not have. The offer row is locked, so two admins saving at once
 * each build on the other's rules.
 */
export async function savePricing(db: Db, tenant: Tenant, build: (current: { rounding: Rounding }) => PricingChange | Promise<PricingChange>): Promise<void> {
  if (tenant.kind !== 'reseller') throw new DomainError('forbidden', 'Markups are set by resellers; the distributor sets wholesale prices.');
  await db.transaction(async (tx) => {
    const [offer] = await tx.select().from(resellerOffers).where(eq(resellerOffers.tenantId, tenant.id)).for('update');
    if (!offer) throw new DomainError('no_tier');
    const ctx = await loadPricingContext(tx, tenant);
    if (ctx?.kind !== 'reseller') throw new DomainError('no_tier');
    const change = await build({ rounding: offer.rounding });
    const sheet = await priceSheet(tx, offer.catalogTenantId);
    const resolved = resolveChange(sheet, ctx.rules, tenant.currencies, change);
    const result = simulate(sheet, ctx, resolved, tenant.currencies, { show: 'affected', sort: 'name', dir: 'asc', page: 1, pageSize: 0, locale: 'en' });
    if (result.belowCostCount) {
      const named = nameBelowCost(result);
      throw new DomainError('below_cost', `This change would sell ${result.belowCostCount} plan price(s) below your cost: ${named}. Nothing was saved.`, { prices: [named] });
    }
    // The rules the change replaces (as resolveChange decided), then the new one.
    await tx.delete(markupRules).where(
      and(
        eq(markupRules.tenantId, tenant.id),
        eq(markupRules.scope, resolved.scope),
        sql`coalesce(${markupRules.categoryId}, ${markupRules.productId}) is not distinct from ${resolved.targetId}::uuid`,
        resolved.replacesCurrency ? and(eq(markupRules.kind, 'fixed'), eq(markupRules.currency, resolved.replacesCurrency)) : undefined,
      ),
    );
    if (resolved.rule) await tx.insert(markupRules).values({ ...resolved.rule, tenantId: tenant.id, catalogTenantId: offer.catalogTenantId });
    if (resolved.rounding !== offer.rounding) await tx.update(resellerOffers).set({ rounding: resolved.rounding }).where(eq(resellerOffers.tenantId, tenant.id));
    await catalogChanged(tx, tenant.id);
  });
}

export async function listMarkupRules(db: Db, tenant: Tenant) {
  return db
    .select({
      scope: markupRules.scope,
      category: categories.slug,
      product: products.slug,
      kind: markupRules.kind,
      basisPoints: markupRules.basisPoints,
      currency: markupRules.currency,
      amount: markupRules.amount,
    })
    .from(markupRules)
    .leftJoin(categories, and(eq(categories.tenantId, markupRules.catalogTenantId), eq(categories.id, markupRules.categoryId)))
    .leftJoin(products, and(eq(products.tenantId, markupRules.catalogTenantId), eq(products.id, markupRules.productId)))
    .where(eq(markupRules.tenantId, tenant.id))
    .orderBy(markupRules.scope, markupRules.currency);
}
