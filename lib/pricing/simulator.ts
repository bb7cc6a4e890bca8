import { z } from 'zod';
import { decimalToMinor } from '../catalog/definition';
import { parseFilters } from '../reporting/filters';
import { computeWaterfall, type Rounding, type Waterfall } from './engine';
import { markupResolver, type MarkupRule } from './offer';
import { compareText, type PriceSheet, type SheetPlan } from './sheet';

/**
 * One change to a reseller's prices, as the markup form sends it: a rule for everything, a
 * category or a product (a percentage for every currency, a fixed amount in one currency, or no
 * rule at all), and the rounding rule. Text fields, because a form and a query string carry it.
 */
export const pricingChangeInput = z
  .object({
    scope: z.enum(['all', 'category', 'product']),
    category: z.string().trim().max(200).optional(),
    product: z.string().trim().max(200).optional(),
    kind: z.enum(['percent', 'fixed', 'none']),
    // Negative values are accepted here so the answer can name the plans they would sell below cost.
    percent: z.string().trim().max(20).optional(),
    // Not "currency": a page's ?currency= is the visitor's choice of display currency (proxy.ts).
    fixedCurrency: z.string().trim().max(3).optional(),
    amount: z.string().trim().max(20).optional(),
    rounding: z.enum(['none', '99', '95', 'whole']),
  })
  .superRefine((v, ctx) => {
    if (v.scope === 'category' && !v.category) ctx.addIssue({ code: 'custom', path: ['category'], message: 'choose a category' });
    if (v.scope === 'product' && !v.product) ctx.addIssue({ code: 'custom', path: ['product'], message: 'choose a product' });
    if (v.kind === 'percent' && percentToBasisPoints(v.percent ?? '') === null) {
      ctx.addIssue({ code: 'custom', path: ['percent'], message: 'must be a percentage between -100 and 1000 with at most two decimals, such as 30 or 12.5' });
    }
    if (v.kind === 'fixed' && !/^[A-Z]{3}$/.test(v.fixedCurrency ?? '')) ctx.addIssue({ code: 'custom', path: ['fixedCurrency'], message: 'choose a currency' });
  });
export type PricingChangeInput = z.output<typeof pricingChangeInput>;

export const PRICING_FIELDS = ['scope', 'category', 'product', 'kind', 'percent', 'fixedCurrency', 'amount', 'rounding'] as const;

/** "30" → 3000, "12.5" → 1250, "-5" → -500 basis points; exact (string arithmetic). */
export function percentToBasisPoints(text: string): number | null {
  const match = /^(-)?(\d{1,4})(?:[.,](\d{1,2}))?$/.exec(text.trim());
  if (!match) return null;
  const bp = Number(match[2]) * 100 + Number((match[3] ?? '').padEnd(2, '0'));
  const signed = match[1] ? -bp : bp;
  return signed < -10_000 || signed > 100_000 ? null : signed;
}

/** A decimal amount that may be negative ("-1.50") in minor units of `currency`, or null. */
function signedMinor(text: string, currency: string): number | null {
  const trimmed = text.trim();
  const negative = trimmed.startsWith('-');
  const minor = decimalToMinor(negative ? trimmed.slice(1) : trimmed, currency);
  if (minor === null || minor > 100_000_000) return null;
  return negative ? -minor : minor;
}

/** A change with its numbers read: what both the portal's form and the API's JSON come to. */
export interface PricingChange {
  scope: 'all' | 'category' | 'product';
  /** The category's or product's slug. */
  target: string | null;
  rule: { kind: 'percent'; basisPoints: number } | { kind: 'fixed'; currency: string; amount: number } | null;
  rounding: Rounding;
}

/** The form's text fields as numbers; every field that cannot be read is named. */
export function readChange(input: PricingChangeInput): PricingChange {
  const target = input.scope === 'category' ? input.category! : input.scope === 'product' ? input.product! : null;
  if (input.kind === 'percent') return { scope: input.scope, target, rule: { kind: 'percent', basisPoints: percentToBasisPoints(input.percent ?? '')! }, rounding: input.rounding };
  if (input.kind === 'fixed') {
    const currency = input.fixedCurrency!;
    const amount = signedMinor(input.amount ?? '', currency);
    if (amount === null) throw new ChangeError([`amount: must be an amount in ${currency} such as 2.50 (or -2.50)`]);
    return { scope: input.scope, target, rule: { kind: 'fixed', currency, amount }, rounding: input.rounding };
  }
  return { scope: input.scope, target, rule: null, rounding: input.rounding };
}

/** A change resolved against the catalog: the target it touches and the rule set it leaves. */
export interface ResolvedChange {
  scope: 'all' | 'category' | 'product';
  targetId: string | null;
  /** The rule the change sets (null: it removes the target's rules). */
  rule: MarkupRule | null;
  /** Only the target's rule in this currency is replaced (a fixed amount); else all of its rules. */
  replacesCurrency: string | null;
  rules: MarkupRule[];
  rounding: Rounding;
}

export class ChangeError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('; '));
    this.name = 'ChangeError';
  }
}

/**
 * The rule set after the change. A percentage (or no rule) for a target replaces every rule of
 * that target, so "Security: 30 %" means 30 % on all of Security; a fixed amount replaces only the
 * target's rule in that currency and leaves its percentage for the other currencies.
 */
export function resolveChange(sheet: PriceSheet, current: MarkupRule[], currencies: string[], change: PricingChange): ResolvedChange {
  const problems: string[] = [];
  let targetId: string | null = null;
  if (change.scope === 'category') {
    targetId = sheet.categories.find((c) => c.slug === change.target)?.id ?? null;
    if (!targetId) problems.push(`category: there is no category "${change.target}" in the catalog`);
  }
  if (change.scope === 'product') {
    targetId = sheet.plans.find((p) => p.productSlug === change.target)?.productId ?? null;
    if (!targetId) problems.push(`product: there is no product "${change.target}" in the catalog`);
  }
  const fixedIn = change.rule?.kind === 'fixed' ? change.rule.currency : null;
  if (fixedIn && !currencies.includes(fixedIn)) problems.push(`currency: this storefront does not sell in ${fixedIn}; it sells in ${currencies.join(', ')}`);
  if (problems.length) throw new ChangeError(problems);
  const target = { scope: change.scope, categoryId: change.scope === 'category' ? targetId : null, productId: change.scope === 'product' ? targetId : null };
  const rule: MarkupRule | null =
    change.rule?.kind === 'percent'
      ? { ...target, kind: 'percent', basisPoints: change.rule.basisPoints, currency: null, amount: null }
      : change.rule?.kind === 'fixed'
        ? { ...target, kind: 'fixed', basisPoints: null, currency: change.rule.currency, amount: change.rule.amount }
        : null;
  const sameTarget = (r: MarkupRule) => r.scope === change.scope && (r.categoryId ?? r.productId ?? null) === targetId;
  const replaced = (r: MarkupRule) => sameTarget(r) && (!fixedIn || (r.kind === 'fixed' && r.currency === fixedIn));
  return { scope: change.scope, targetId, rule, replacesCurrency: fixedIn, rules: [...current.filter((r) => !replaced(r)), ...(rule ? [rule] : [])], rounding: change.rounding };
}

export const SORTS = ['name', 'sku', 'cost', 'sell', 'margin', 'marginPct', 'change'] as const;
export const SHOWS = ['affected', 'changed', 'below', 'all'] as const;

export interface SimulationQuery {
  q?: string;
  /** A category's slug. */
  cat?: string;
  /** One of the storefront's currencies. */
  cur?: string;
  show: (typeof SHOWS)[number];
  sort: (typeof SORTS)[number];
  dir: 'asc' | 'desc';
  page: number;
  pageSize: number;
  locale: string;
}

export interface SimulationRow {
  plan: SheetPlan;
  currency: string;
  today: Waterfall;
  proposed: Waterfall & { belowCost: boolean };
  /** Proposed sell price minus today's, minor units. */
  change: number;
  /** Margin as a share of the proposed sell price, basis points; null for a price of zero. */
  marginBasisPoints: number | null;
}

export interface Simulation {
  rows: SimulationRow[];
  /** Rows after the filters, before paging. */
  total: number;
  affected: number;
  changed: number;
  /** Every affected plan and currency the change would sell below cost, whatever the filters. */
  belowCost: { plan: SheetPlan; currency: string }[];
}

export interface PricingState {
  tierDiscountBasisPoints: number;
  rules: MarkupRule[];
  rounding: Rounding;
}

/**
 * Prices every plan of the catalog in the storefront's currencies today and under the change, and
 * pages through the result on the server, sorted and filtered. Pure: the sheet is in memory.
 */
export function simulate(sheet: PriceSheet, today: PricingState, change: Pick<ResolvedChange, 'scope' | 'targetId' | 'rules' | 'rounding'> | null, currencies: string[], query: SimulationQuery): Simulation {
  const proposedRules = change?.rules ?? today.rules;
  const proposedRounding = change?.rounding ?? today.rounding;
  const markupToday = markupResolver(today.rules);
  const markupProposed = change ? markupResolver(proposedRules) : markupToday;
  // A rounding change touches every plan; otherwise what the rule targets.
  const inScope =
    !change || change.rounding !== today.rounding || change.scope === 'all'
      ? () => true
      : change.scope === 'category'
        ? (p: SheetPlan) => p.categoryId === change.targetId
        : (p: SheetPlan) => p.productId === change.targetId;
  const q = query.q?.trim().toLowerCase();
  const wanted = (query.cur ? [query.cur] : currencies).filter((c) => currencies.includes(c));
  const all: SimulationRow[] = [];
  const belowCost: Simulation['belowCost'] = [];
  let affected = 0;
  let changed = 0;
  for (const plan of sheet.plans) {
    if (query.show !== 'all' && !inScope(plan)) continue;
    const scoped = inScope(plan);
    for (const currency of currencies) {
      const wholesale = plan.wholesale[currency];
      if (wholesale === undefined) continue;
      const tier = today.tierDiscountBasisPoints;
      const before = computeWaterfall({ currency, wholesale, tierDiscountBasisPoints: tier, markup: markupToday(plan.productId, plan.categoryId, currency), rounding: today.rounding });
      const after = change
        ? computeWaterfall({ currency, wholesale, tierDiscountBasisPoints: tier, markup: markupProposed(plan.productId, plan.categoryId, currency), rounding: proposedRounding })
        : before;
      const delta = after.sell - before.sell;
      if (scoped) {
        affected++;
        if (delta !== 0) changed++;
        if (after.belowCost) belowCost.push({ plan, currency });
      }
      if (!wanted.includes(currency)) continue;
      if (query.show === 'changed' && delta === 0) continue;
      if (query.show === 'below' && !after.belowCost) continue;
      if (query.cat && plan.categorySlug !== query.cat) continue;
      if (q && !plan.text.includes(q) && !(plan.productName[query.locale] ?? '').toLowerCase().includes(q)) continue;
      all.push({ plan, currency, today: before, proposed: after, change: delta, marginBasisPoints: after.sell > 0 ? Math.floor((after.margin * 10_000) / after.sell) : null });
    }
  }
  const sorted = sortRows(all, query);
  const start = (query.page - 1) * query.pageSize;
  return { rows: sorted.slice(start, start + query.pageSize), total: all.length, affected, changed, belowCost };
}

function sortRows(rows: SimulationRow[], query: SimulationQuery): SimulationRow[] {
  const sign = query.dir === 'desc' ? -1 : 1;
  // The sheet is in catalog order (English names): other languages and other keys sort here,
  // ties keep catalog order so paging is stable.
  if (query.sort === 'name' && query.locale === 'en' && sign === 1) return rows;
  const key = (r: SimulationRow): number => {
    switch (query.sort) {
      case 'cost': return r.proposed.cost;
      case 'sell': return r.proposed.sell;
      case 'margin': return r.proposed.margin;
      case 'marginPct': return r.marginBasisPoints ?? -Infinity;
      case 'change': return r.change;
      default: return 0;
    }
  };
  const indexed = rows.map((r, i) => ({ r, i, k: key(r) }));
  const name = (r: SimulationRow) => r.plan.productName[query.locale] ?? r.plan.productName.en ?? '';
  indexed.sort((a, b) => {
    let d = 0;
    if (query.sort === 'name') d = compareText(name(a.r), name(b.r));
    else if (query.sort === 'sku') d = compareText(a.r.plan.planSku, b.r.plan.planSku);
    else d = a.k - b.k;
    return d * sign || a.i - b.i;
  });
  return indexed.map((x) => x.r);
}

/** "ESET PROTECT Entry, Monthly (ESET-PE-M, EUR)" for the first plans, and how many more. */
export function nameBelowCost(rows: Simulation['belowCost'], limit = 8): string {
  const named = rows.slice(0, limit).map(({ plan, currency }) => `${plan.productName.en ?? plan.productSlug}, ${plan.planName.en ?? plan.planSku} (${plan.planSku}, ${currency})`);
  const more = rows.length - named.length;
  return more > 0 ? `${named.join('; ')} and ${more} more` : named.join('; ');
}

const slug = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'is not one of the choices');
export const SIMULATION_FILTERS = ['q', 'cat', 'cur', 'show', 'sort', 'dir'] as const;
const simulationFilter = z.object({
  q: z.preprocess((v) => (v === '' ? undefined : v), z.string().trim().max(100, 'must be at most 100 characters').optional()),
  // Not "category" and "currency": the proposed change has fields of those names.
  cat: z.preprocess((v) => (v === '' ? undefined : v), slug.optional()),
  cur: z.preprocess((v) => (v === '' ? undefined : v), z.string().regex(/^[A-Z]{3}$/, 'is not one of the choices').optional()),
  show: z.preprocess((v) => (v === '' ? undefined : v), z.enum(SHOWS, { error: `must be one of ${SHOWS.join(', ')}` }).default('affected')),
  sort: z.preprocess((v) => (v === '' ? undefined : v), z.enum(SORTS, { error: `must be one of ${SORTS.join(', ')}` }).default('name')),
  dir: z.preprocess((v) => (v === '' ? undefined : v), z.enum(['asc', 'desc'], { error: 'must be asc or desc' }).default('asc')),
});

/**
 * The simulator's state from its query string: the proposed change (none until the form is sent)
 * and the table's filters. Every field that cannot be read is named; the rest still applies.
 */
export function parseSimulation(search: Record<string, string | string[] | undefined>): {
  input: PricingChangeInput | null;
  filter: z.output<typeof simulationFilter>;
  problems: string[];
} {
  const one = (k: string) => (Array.isArray(search[k]) ? search[k]?.[0] : search[k]);
  const { filter, problems } = parseFilters(simulationFilter, SIMULATION_FILTERS, search);
  if (!one('scope')) return { input: null, filter: simulationFilter.parse({ ...filter }), problems };
  const parsed = pricingChangeInput.safeParse(Object.fromEntries(PRICING_FIELDS.map((k) => [k, one(k)])));
  if (!parsed.success) return { input: null, filter: simulationFilter.parse({ ...filter }), problems: [...problems, ...parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`)] };
  return { input: parsed.data, filter: simulationFilter.parse({ ...filter }), problems };
}
