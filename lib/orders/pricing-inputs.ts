import { settings } from '../config/settings';
import type { Db } from '../db/client';
import { loadPricingContext, type PricingContext } from '../pricing/offer';
import { TtlLru } from '../tenancy/lru';
import type { Tenant } from '../tenancy/types';
import { loadPlanRows, type PlanRow } from './pricing';
import { onTenantChange } from '../tenancy/invalidate';

/**
 * What the price engine works from on the cart page, kept in memory like the catalog pages keep
 * their prices: each storefront's offer and markups, and its plans with their prices per currency.
 * The engine still prices the cart on every view; only its inputs are not read again each time.
 * Every catalog, price, markup or storefront change forgets all of it, on every server (see
 * lib/tenancy/invalidate.ts), and entries live CACHE_TTL_SECONDS at most. Placing an order reads
 * everything fresh.
 */
const KEY = Symbol.for('channelfront.pricingInputs');
interface Store {
  generation: number;
  contexts: TtlLru<string, PricingContext | null>;
  plans: TtlLru<string, PlanRow | null>;
}

function store(): Store {
  const holder = globalThis as { [KEY]?: Store };
  const ttl = settings().cacheTtlSeconds * 1000;
  holder[KEY] ??= { generation: 0, contexts: new TtlLru(5_000, ttl), plans: new TtlLru(50_000, ttl) };
  return holder[KEY];
}

/** Forgets every cached pricing input (a change anywhere: they are cheap to read again). */
export function forgetPricingInputs(): void {
  const s = store();
  // A read that started before the change must not put its (old) answer back.
  s.generation++;
  s.contexts.clear();
  s.plans.clear();
}
onTenantChange('pricing-inputs', forgetPricingInputs);

export async function pricingContextOf(db: Db, tenant: Pick<Tenant, 'id' | 'kind' | 'parentId'>): Promise<PricingContext | null> {
  const s = store();
  const hit = s.contexts.get(tenant.id);
  if (hit !== undefined) return hit;
  const generation = s.generation;
  const ctx = await loadPricingContext(db, tenant);
  if (generation === s.generation) s.contexts.set(tenant.id, ctx);
  return ctx;
}

export async function planRowsOf(db: Db, ctx: PricingContext, ids: string[], currency: string): Promise<PlanRow[]> {
  const s = store();
  const key = (id: string) => `${ctx.tenantId}:${currency}:${id}`;
  const found = new Map<string, PlanRow | null>();
  for (const id of ids) {
    const hit = s.plans.get(key(id));
    if (hit !== undefined) found.set(id, hit);
  }
  const missing = ids.filter((id) => !found.has(id));
  if (missing.length) {
    const generation = s.generation;
    const rows = await loadPlanRows(db, ctx, missing, currency);
    for (const id of missing) {
      const row = rows.find((r) => r.plan.id === id) ?? null;
      found.set(id, row);
      if (generation === s.generation) s.plans.set(key(id), row);
    }
  }
  return ids.map((id) => found.get(id)).filter((r): r is PlanRow => !!r);
}
