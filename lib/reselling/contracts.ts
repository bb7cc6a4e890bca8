import { and, asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { decimalToMinor } from '../money';
import type { Db } from '../db/client';
import { contractPrices, organizations, planPrices, plans, products, type LocalizedText } from '../db/schema';
import { DomainError, isDomainError } from '../errors';
import type { Waterfall } from '../pricing/engine';
import { minorToDecimal } from '../money';
import { loadPricingContext, storefrontWaterfall, type PricingContext } from '../pricing/offer';
import { catalogChanged } from '../tenancy/invalidate';
import type { Tenant } from '../tenancy/types';

/** A contract price for one customer: a plan by SKU, a currency and an amount ("" removes it). */
export const contractInput = z.object({
  organizationId: z.uuid('is not a customer of this storefront'),
  planSku: z.string().trim().toUpperCase().min(1, 'enter the plan’s SKU').max(80),
  currency: z.string().trim().toUpperCase().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as EUR'),
  // Required: an empty amount removes the contract price, a missing one must not.
  amount: z.string().trim().max(20),
});
export type ContractInput = z.output<typeof contractInput>;

async function planWithPrice(db: Db, ctx: PricingContext, sku: string, currency: string) {
  const [row] = await db
    .select({ plan: plans, product: products, price: planPrices })
    .from(plans)
    .innerJoin(products, and(eq(products.tenantId, plans.tenantId), eq(products.id, plans.productId)))
    .leftJoin(planPrices, and(eq(planPrices.tenantId, plans.tenantId), eq(planPrices.planId, plans.id), eq(planPrices.currency, currency)))
    .where(and(eq(plans.tenantId, ctx.catalogTenantId), eq(plans.sku, sku)));
  return row;
}

/** The list waterfall of a plan for this storefront (what a contract price replaces). */
function listWaterfall(ctx: PricingContext, row: NonNullable<Awaited<ReturnType<typeof planWithPrice>>>): Waterfall | null {
  if (!row.price) return null;
  try {
    return storefrontWaterfall(ctx, { productId: row.product.id, categoryId: row.product.categoryId, currency: row.price.currency, wholesale: row.price.wholesale, msrp: row.price.msrp });
  } catch (error) {
    if (isDomainError(error, 'unpriceable')) return null;
    throw error;
  }
}

/**
 * Sets (or with an empty amount removes) a customer's negotiated price for a plan. The price
 * engine applies it from the next cart or renewal; one below the storefront's cost is refused,
 * naming the cost, as the engine would refuse to sell at it.
 */
export async function setContractPrice(db: Db, tenant: Tenant, input: ContractInput): Promise<void> {
  const [org] = await db.select({ id: organizations.id }).from(organizations).where(and(eq(organizations.tenantId, tenant.id), eq(organizations.id, input.organizationId)));
  if (!org) throw new DomainError('not_found');
  const ctx = await loadPricingContext(db, tenant);
  if (!ctx) throw new DomainError('no_tier');
  const row = await planWithPrice(db, ctx, input.planSku, input.currency);
  if (!row || (ctx.kind === 'reseller' && row.product.type === 'storefront_plan')) {
    throw new DomainError('not_found', `There is no plan "${input.planSku}" in your catalog.`, { fields: [`planSku: no plan "${input.planSku}"`] });
  }
  if (!input.amount) {
    await db.delete(contractPrices).where(and(eq(contractPrices.tenantId, tenant.id), eq(contractPrices.organizationId, org.id), eq(contractPrices.planId, row.plan.id), eq(contractPrices.currency, input.currency)));
  } else {
    if (!tenant.currencies.includes(input.currency)) throw new DomainError('invalid_input', `This storefront does not sell in ${input.currency}.`, { fields: [`currency: one of ${tenant.currencies.join(', ')}`] });
    if (!row.price) throw new DomainError('no_price', `The plan ${input.planSku} has no price in ${input.currency}.`);
    const amount = decimalToMinor(input.amount, input.currency);
    if (amount === null) throw new DomainError('invalid_input', `The price must be an amount in ${input.currency} such as 12.50.`, { fields: [`amount: an amount in ${input.currency} such as 12.50`] });
    const source = { productId: row.product.id, categoryId: row.product.categoryId, currency: input.currency, wholesale: row.price.wholesale, msrp: row.price.msrp };
    try {
      storefrontWaterfall(ctx, source, amount);
    } catch (error) {
      if (!(isDomainError(error, 'unpriceable'))) throw error;
      const cost = storefrontWaterfall(ctx, source).cost;
      const named = `${row.plan.sku} at ${minorToDecimal(amount, input.currency)} ${input.currency}, under your cost of ${minorToDecimal(cost, input.currency)}`;
      throw new DomainError('below_cost', `A contract price below your cost cannot be set: ${named}.`, { prices: [named] });
    }
    await db
      .insert(contractPrices)
      .values({ tenantId: tenant.id, organizationId: org.id, catalogTenantId: ctx.catalogTenantId, planId: row.plan.id, currency: input.currency, amount })
      .onConflictDoUpdate({ target: [contractPrices.tenantId, contractPrices.organizationId, contractPrices.planId, contractPrices.currency], set: { amount } });
  }
  // Cached cart inputs and pages hold prices: the customer sees the new one at once.
  await catalogChanged(db, tenant.id);
}

export interface ContractLine {
  planId: string;
  sku: string;
  product: LocalizedText;
  plan: LocalizedText;
  currency: string;
  amount: number;
  /** Today's list price and the storefront's cost, when the plan can be priced. */
  list: number | null;
  cost: number | null;
}

/** A customer's contract prices beside the list price and cost they replace. */
export async function listContractPrices(db: Db, tenant: Tenant, organizationId: string): Promise<ContractLine[]> {
  const ctx = await loadPricingContext(db, tenant);
  if (!ctx) return [];
  const rows = await db
    .select({ contract: contractPrices, plan: plans, product: products, price: planPrices })
    .from(contractPrices)
    .innerJoin(plans, and(eq(plans.tenantId, contractPrices.catalogTenantId), eq(plans.id, contractPrices.planId)))
    .innerJoin(products, and(eq(products.tenantId, plans.tenantId), eq(products.id, plans.productId)))
    .leftJoin(planPrices, and(eq(planPrices.tenantId, plans.tenantId), eq(planPrices.planId, plans.id), eq(planPrices.currency, contractPrices.currency)))
    .where(and(eq(contractPrices.tenantId, tenant.id), eq(contractPrices.organizationId, organizationId)))
    .orderBy(asc(plans.sku), asc(contractPrices.currency));
  return rows.map((r) => {
    const list = listWaterfall(ctx, r);
    return { planId: r.plan.id, sku: r.plan.sku, product: r.product.name, plan: r.plan.name, currency: r.contract.currency, amount: r.contract.amount, list: list?.sell ?? null, cost: list?.cost ?? null };
  });
}
