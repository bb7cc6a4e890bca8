import { DomainError } from '../errors';
import type { Tenant } from '../tenancy/types';

/** What a reseller plan includes. Basic has no storefront; the distributor has everything. */
export type PlanFeature = 'storefront' | 'presetThemes' | 'customDomains' | 'branding' | 'contentPages' | 'api';

export const PLAN_FEATURES: Record<Tenant['plan'], PlanFeature[]> = {
  basic: [],
  free: ['storefront', 'presetThemes'],
  standard: ['storefront', 'presetThemes', 'customDomains', 'branding', 'contentPages', 'api'],
};

export function planAllows(tenant: Pick<Tenant, 'kind' | 'plan'>, feature: PlanFeature): boolean {
  return tenant.kind === 'distributor' || PLAN_FEATURES[tenant.plan].includes(feature);
}

/** Refuses what the tenant's plan does not include, naming the plan that does. */
export function assertPlanAllows(tenant: Pick<Tenant, 'kind' | 'plan'>, feature: PlanFeature): void {
  if (!planAllows(tenant, feature)) throw new DomainError('plan_required', `This is part of the Standard plan; this storefront is on ${tenant.plan === 'free' ? 'Free' : 'Basic'}.`);
}

/** The next plan up and what it would add, for the reseller's "your plan" panel. */
export function nextPlan(plan: Tenant['plan']): { plan: 'free' | 'standard'; unlocks: PlanFeature[] } | null {
  if (plan === 'standard') return null;
  const next = plan === 'basic' ? 'free' : 'standard';
  return { plan: next, unlocks: PLAN_FEATURES[next].filter((f) => !PLAN_FEATURES[plan].includes(f)) };
}
