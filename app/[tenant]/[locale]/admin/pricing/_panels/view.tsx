import { forTenant } from '@/lib/db';
import { can } from '@/lib/identity/access';
import { formatMoney } from '@/lib/money';
import { loadPricingContext, offerTierName, type PricingContext } from '@/lib/pricing/offer';
import { priceSheet, type PriceSheet } from '@/lib/pricing/sheet';
import { changeProblems, parseSimulation, readChange, resolveChange, simulate, PRICING_FIELDS, type ResolvedChange, type Simulation } from '@/lib/pricing/simulator';
import type { Tenant } from '@/lib/tenancy/types';
import { listPage } from '../../../_components/list-pager';
import type { SignedInPage } from '../../../_components/page-start';

export type Search = Record<string, string | string[] | undefined>;
export const PAGE_SIZE = 50;

/** What every panel of the pricing page reads: the reseller's rules, the proposed change and the simulated table. */
export interface PricingView {
  tenant: Tenant;
  locale: string;
  path: (p: string) => string;
  search: Search;
  ctx: Extract<PricingContext, { kind: 'reseller' }>;
  sheet: PriceSheet;
  tier: string;
  input: ReturnType<typeof parseSimulation>['input'];
  filter: ReturnType<typeof parseSimulation>['filter'];
  /** What could not be read of the query string, or of the proposed change. */
  errors: string[];
  change: ResolvedChange | null;
  result: Simulation;
  page: number;
  pages: number;
  mayPublish: boolean;
  /** The proposed change and the table's filters as a query string: every link and form keeps them. */
  state: URLSearchParams;
  /** This page with the state, changed as given (null drops a key). */
  link: (changes: Record<string, string | null>) => string;
  text: (v: Record<string, string>) => string;
  money: (amount: number, currency: string) => string;
}

/** The page's reads and the simulation; null for a reseller without an offer (nothing to price yet). */
export async function pricingView(start: SignedInPage, search: Search): Promise<PricingView | null> {
  const { tenant, locale, path, viewer } = start;
  const data = await forTenant(tenant.id, async (db) => {
    const ctx = await loadPricingContext(db, tenant);
    if (ctx?.kind !== 'reseller') return null;
    return { ctx, tier: await offerTierName(db, tenant.id), sheet: await priceSheet(db, ctx.catalogTenantId) };
  });
  if (!data) return null;
  const { ctx, sheet, tier } = data;
  const { input, filter, problems } = parseSimulation(search);
  const page = listPage(search);
  const errors = [...problems];
  let change: ResolvedChange | null = null;
  if (input) {
    try {
      change = resolveChange(sheet, ctx.rules, tenant.currencies, readChange(input));
    } catch (error) {
      errors.push(...changeProblems(error));
    }
  }
  const result = simulate(sheet, ctx, change, tenant.currencies, { ...filter, page, pageSize: PAGE_SIZE, locale });
  const state = new URLSearchParams();
  if (input) for (const k of PRICING_FIELDS) if (input[k]) state.set(k, String(input[k]));
  for (const [k, v] of Object.entries(filter)) if (v) state.set(k, String(v));
  return {
    tenant,
    locale,
    path,
    search,
    ctx,
    sheet,
    tier,
    input,
    filter,
    errors,
    change,
    result,
    page,
    pages: Math.max(1, Math.ceil(result.total / PAGE_SIZE)),
    mayPublish: can(viewer, tenant, 'commerce:manage'),
    state,
    link: (changes) => {
      const next = new URLSearchParams(state);
      for (const [k, v] of Object.entries(changes)) if (v === null) next.delete(k); else next.set(k, v);
      return `${path('/admin/pricing')}?${next}`;
    },
    text: (v) => v[locale] ?? v.en ?? '',
    money: (amount, currency) => formatMoney(amount, currency, locale),
  };
}

/** The state's fields among `keys` as hidden inputs, so a form sent from the page keeps them. */
export function KeptFields({ view, keys }: { view: PricingView; keys: readonly string[] }) {
  return keys.map((k) => (view.state.get(k) ? <input key={k} type="hidden" name={k} value={view.state.get(k)!} /> : null));
}
