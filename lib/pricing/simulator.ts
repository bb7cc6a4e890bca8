import { DomainError } from '../errors';
import { z } from 'zod';
import { decimalToMinor } from '../money';
import { parseFilters } from '../input/filters';
import { computeWaterfall, markupAmount, roundUp, type Rounding, type Waterfall } from './engine';
import { minorDigits } from '../money';
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
    if (amount === null) throw changeRefused([`amount: must be an amount in ${currency} such as 2.50 (or -2.50)`]);
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

/** A proposal that cannot be read: its problems, by field; a target the catalog lacks is not found. */
function changeRefused(problems: string[]): DomainError<'invalid_input' | 'not_found'> {
  const code = problems.some((p) => p.includes('there is no')) ? 'not_found' : 'invalid_input';
  return new DomainError(code, problems.join('; '), { fields: problems });
}

/** The problems of a refused proposal, or the error again if it is something else. */
export function changeProblems(error: unknown): string[] {
  if (error instanceof DomainError && (error.code === 'invalid_input' || error.code === 'not_found') && error.details) return error.details.fields;
  throw error;
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
  if (problems.length) throw changeRefused(problems);
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
  /** How many affected plan prices the change would sell below cost, whatever the filters. */
  belowCostCount: number;
  /** The first of them, in catalog order (enough to name them). */
  belowCost: { plan: SheetPlan; currency: string }[];
}

export interface PricingState {
  tierDiscountBasisPoints: number;
  rules: MarkupRule[];
  rounding: Rounding;
}

/** The sheet's prices as flat arrays, one entry per plan and currency (built once per sheet). */
interface PriceGrid {
  plan: Uint32Array;
  currency: Uint8Array;
  wholesale: Float64Array;
  currencies: string[];
  /** Each plan's position when sorted by product name in a locale (English is catalog order). */
  nameRank: Map<string, Uint32Array>;
  skuRank: Uint32Array | null;
}
const grids = new WeakMap<PriceSheet, PriceGrid>();

function gridOf(sheet: PriceSheet): PriceGrid {
  const grid = grids.get(sheet);
  if (grid) return grid;
  const currencies = [...new Set(sheet.plans.flatMap((p) => Object.keys(p.wholesale)))].sort();
  const size = sheet.plans.reduce((n, p) => n + Object.keys(p.wholesale).length, 0);
  const g: PriceGrid = { plan: new Uint32Array(size), currency: new Uint8Array(size), wholesale: new Float64Array(size), currencies, nameRank: new Map(), skuRank: null };
  let i = 0;
  sheet.plans.forEach((p, planIndex) => {
    currencies.forEach((c, ci) => {
      const w = p.wholesale[c];
      if (w === undefined) return;
      g.plan[i] = planIndex;
      g.currency[i] = ci;
      g.wholesale[i] = w;
      i++;
    });
  });
  grids.set(sheet, g);
  return g;
}

/** Each plan's position in an order of the sheet's plans, remembered per sheet. */
function ranks(sheet: PriceSheet, compare: (a: SheetPlan, b: SheetPlan) => number): Uint32Array {
  const order = sheet.plans.map((_, i) => i).sort((a, b) => compare(sheet.plans[a]!, sheet.plans[b]!) || a - b);
  const rank = new Uint32Array(sheet.plans.length);
  order.forEach((planIndex, position) => (rank[planIndex] = position));
  return rank;
}

function nameRank(sheet: PriceSheet, grid: PriceGrid, locale: string): Uint32Array {
  let rank = grid.nameRank.get(locale);
  if (rank) return rank;
  const collator = new Intl.Collator(locale, { sensitivity: 'base', numeric: true });
  const name = (p: SheetPlan) => p.productName[locale] ?? p.productName.en ?? '';
  rank = locale === 'en' ? Uint32Array.from(sheet.plans, (_, i) => i) : ranks(sheet, (a, b) => collator.compare(name(a), name(b)));
  if (grid.nameRank.size < 8) grid.nameRank.set(locale, rank);
  return rank;
}

interface Priced {
  sell: Float64Array;
  cost: Float64Array;
  below: Uint8Array;
}

/** Sell prices (and whether below cost) of every grid entry under one rule set, numbers only. */
function sellPrices(sheet: PriceSheet, grid: PriceGrid, state: PricingState, sold: boolean[]): Priced {
  const n = grid.wholesale.length;
  const priced: Priced = { sell: new Float64Array(n), cost: new Float64Array(n), below: new Uint8Array(n) };
  const resolve = markupResolver(state.rules);
  const digits = grid.currencies.map((c) => minorDigits(c));
  const tier = state.tierDiscountBasisPoints;
  for (let i = 0; i < n; i++) {
    const ci = grid.currency[i]!;
    if (!sold[ci]) continue;
    const plan = sheet.plans[grid.plan[i]!]!;
    const wholesale = grid.wholesale[i]!;
    // The steps of computeWaterfall (its helpers), without an object per price.
    const cost = wholesale - Math.floor((wholesale * tier) / 10_000);
    const beforeRounding = cost + markupAmount(cost, resolve(plan.productId, plan.categoryId, grid.currencies[ci]!));
    priced.cost[i] = cost;
    priced.sell[i] = roundUp(beforeRounding, state.rounding, digits[ci]!);
    priced.below[i] = beforeRounding < cost ? 1 : 0;
  }
  return priced;
}

/**
 * Prices every plan of the catalog in the storefront's currencies today and under the change, and
 * pages through the result on the server, sorted and filtered. Pure: the sheet is in memory. Only
 * the page's rows get their whole waterfall (from computeWaterfall itself); the others are numbers
 * in typed arrays, so 100,000 plans cost milliseconds, not objects.
 */
export function simulate(sheet: PriceSheet, today: PricingState, change: Pick<ResolvedChange, 'scope' | 'targetId' | 'rules' | 'rounding'> | null, currencies: string[], query: SimulationQuery): Simulation {
  const grid = gridOf(sheet);
  const sold = grid.currencies.map((c) => currencies.includes(c));
  const proposedState: PricingState = { ...today, rules: change?.rules ?? today.rules, rounding: change?.rounding ?? today.rounding };
  const before = sellPrices(sheet, grid, today, sold);
  const after = change ? sellPrices(sheet, grid, proposedState, sold) : before;
  // A rounding change touches every plan; otherwise what the rule targets.
  const inScope =
    !change || change.rounding !== today.rounding || change.scope === 'all'
      ? () => true
      : change.scope === 'category'
        ? (p: SheetPlan) => p.categoryId === change.targetId
        : (p: SheetPlan) => p.productId === change.targetId;
  const q = query.q?.trim().toLowerCase();
  const shown = grid.currencies.map((c, ci) => sold[ci]! && (!query.cur || query.cur === c));
  const matches: number[] = [];
  const belowCost: Simulation['belowCost'] = [];
  let affected = 0;
  let changed = 0;
  let belowCostCount = 0;
  for (let i = 0; i < grid.wholesale.length; i++) {
    const ci = grid.currency[i]!;
    if (!sold[ci]) continue;
    const plan = sheet.plans[grid.plan[i]!]!;
    const delta = after.sell[i]! - before.sell[i]!;
    if (inScope(plan)) {
      affected++;
      if (delta !== 0) changed++;
      if (after.below[i] && belowCostCount++ < BELOW_COST_NAMED) belowCost.push({ plan, currency: grid.currencies[ci]! });
    } else if (query.show !== 'all') continue;
    if (!shown[ci]) continue;
    if (query.show === 'changed' && delta === 0) continue;
    if (query.show === 'below' && !after.below[i]) continue;
    if (query.cat && plan.categorySlug !== query.cat) continue;
    if (q && !plan.text.includes(q) && !(plan.productName[query.locale] ?? '').toLowerCase().includes(q)) continue;
    matches.push(i);
  }
  const start = (query.page - 1) * query.pageSize;
  const page = sortMatches(sheet, grid, matches, query, after, before).slice(start, start + query.pageSize);
  const resolveToday = markupResolver(today.rules);
  const resolveProposed = change ? markupResolver(proposedState.rules) : resolveToday;
  const rows = page.map((i): SimulationRow => {
    const plan = sheet.plans[grid.plan[i]!]!;
    const currency = grid.currencies[grid.currency[i]!]!;
    const wholesale = grid.wholesale[i]!;
    const waterfall = (state: PricingState, resolve: typeof resolveToday) =>
      computeWaterfall({ currency, wholesale, tierDiscountBasisPoints: state.tierDiscountBasisPoints, markup: resolve(plan.productId, plan.categoryId, currency), rounding: state.rounding });
    const proposed = waterfall(proposedState, resolveProposed);
    const now = change ? waterfall(today, resolveToday) : proposed;
    return { plan, currency, today: now, proposed, change: proposed.sell - now.sell, marginBasisPoints: proposed.sell > 0 ? Math.floor((proposed.margin * 10_000) / proposed.sell) : null };
  });
  return { rows, total: matches.length, affected, changed, belowCostCount, belowCost };
}

const SHIFT = 2 ** 21;
const BELOW_COST_NAMED = 50;

/**
 * The matches in the asked order, ties in catalog order (so paging is stable). Each key and the
 * entry's position share one float (key × 2^21 + position, exact below 2^53), so a native typed
 * array sort does the work without a comparator.
 */
function sortMatches(sheet: PriceSheet, grid: PriceGrid, matches: number[], query: SimulationQuery, after: Priced, before: Priced): number[] {
  const desc = query.dir === 'desc';
  if (query.sort === 'name' && query.locale === 'en' && !desc) return matches;
  if (matches.length >= SHIFT) throw new RangeError('too many prices to sort');
  const rank = query.sort === 'name' ? nameRank(sheet, grid, query.locale) : query.sort === 'sku' ? (grid.skuRank ??= ranks(sheet, (a, b) => compareText(a.planSku, b.planSku))) : null;
  const key = (i: number): number => {
    const sell = after.sell[i]!;
    const cost = after.cost[i]!;
    switch (query.sort) {
      case 'name':
      case 'sku':
        return rank![grid.plan[i]!]!;
      case 'cost': return cost;
      case 'sell': return sell;
      case 'margin': return sell - cost;
      case 'marginPct': return sell > 0 ? Math.floor(((sell - cost) * 10_000) / sell) : -1_000_000;
      case 'change': return sell - before.sell[i]!;
    }
  };
  const packed = new Float64Array(matches.length);
  for (let k = 0; k < matches.length; k++) packed[k] = (desc ? -key(matches[k]!) : key(matches[k]!)) * SHIFT + k;
  packed.sort();
  return Array.from(packed, (v) => matches[((v % SHIFT) + SHIFT) % SHIFT]!);
}

/** "ESET PROTECT Entry, Monthly (ESET-PE-M, EUR)" for the first plans, and how many more. */
export function nameBelowCost(result: Pick<Simulation, 'belowCost' | 'belowCostCount'>, limit = 8): string {
  const named = result.belowCost.slice(0, limit).map(({ plan, currency }) => `${plan.productName.en ?? plan.productSlug}, ${plan.planName.en ?? plan.planSku} (${plan.planSku}, ${currency})`);
  const more = result.belowCostCount - named.length;
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
