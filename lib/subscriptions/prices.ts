import type { Db } from '../db/client';
import type { plans, SubscriptionRow } from '../db/schema';
import { DomainError } from '../errors';
import { loadContracts, loadPlanRows, priceItems, priceWith } from '../orders/pricing';
import { loadPricingContext } from '../pricing/offer';
import type { Tenant } from '../tenancy/types';

type Plan = typeof plans.$inferSelect;

/** A plan the subscription could move to (its product's or on its upgrade path), priced for this organisation now. */
export async function pricePlanFor(db: Db, tenant: Tenant, sub: Pick<SubscriptionRow, 'currency' | 'organizationId'>, planId: string, seats: number) {
  const pricing = await loadPricingContext(db, tenant);
  if (!pricing) throw new DomainError('no_offer');
  const [priced] = await priceItems(db, pricing, [{ planId, seats }], sub.currency, sub.organizationId);
  return priced!;
}

/**
 * What each plan would cost this organisation per seat now, read in one go (the subscription
 * page's choice of plans). A plan the storefront does not sell or price is left out.
 */
export async function pricePlansFor(db: Db, tenant: Tenant, sub: Pick<SubscriptionRow, 'currency' | 'organizationId' | 'seats'>, candidates: Plan[]): Promise<Map<string, number>> {
  const prices = new Map<string, number>();
  const pricing = candidates.length ? await loadPricingContext(db, tenant) : null;
  if (!pricing) return prices;
  const [rows, contracts] = await Promise.all([loadPlanRows(db, pricing, candidates.map((p) => p.id), sub.currency), loadContracts(db, tenant.id, sub.organizationId)]);
  for (const plan of candidates) {
    const seats = Math.max(plan.minSeats, Math.min(plan.maxSeats, sub.seats));
    try {
      prices.set(plan.id, priceWith(pricing, [{ planId: plan.id, seats }], sub.currency, rows, contracts)[0]!.waterfall.sell);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
    }
  }
  return prices;
}
