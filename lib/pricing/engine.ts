import { DomainError } from '../errors';
import { assertMinorUnits, minorDigits } from '../money';

export type Rounding = 'none' | '99' | '95' | 'whole';

export type Markup =
  /** A percentage of the reseller's cost, in basis points (1000 = 10 %). */
  | { kind: 'percent'; basisPoints: number }
  /** A fixed amount in minor units of the price's currency, added to the reseller's cost. */
  | { kind: 'fixed'; amount: number };

export interface PriceInput {
  currency: string;
  /** The distributor's wholesale price, minor units. */
  wholesale: number;
  /** The reseller's partner-tier discount on wholesale, basis points (0–10 000). */
  tierDiscountBasisPoints: number;
  markup: Markup | null;
  rounding: Rounding;
  /** A customer's contract price, minor units: it replaces the list sell price. */
  contractPrice?: number | null;
}

export interface Waterfall {
  currency: string;
  wholesale: number;
  tierDiscount: number;
  cost: number;
  markup: number;
  rounding: number;
  sell: number;
  margin: number;
  source: 'list' | 'contract';
}

const unpriceable = (why: string) => new DomainError('unpriceable', `This plan cannot be priced: ${why}.`);

/**
 * The whole price waterfall for one plan in one currency: wholesale → minus tier discount =
 * reseller cost → plus markup → rounding = sell price (or the contract price). Integer minor units
 * throughout. A result below reseller cost is refused, never returned.
 */
export function priceWaterfall(input: PriceInput): Waterfall {
  const { belowCost, ...w } = computeWaterfall(input);
  if (input.contractPrice !== undefined && input.contractPrice !== null) {
    assertMinorUnits('contract price', input.contractPrice);
    if (input.contractPrice < w.cost) {
      throw unpriceable(`the contract price is below reseller cost (${input.contractPrice} < ${w.cost} ${input.currency} minor units)`);
    }
    return { ...w, rounding: 0, sell: input.contractPrice, margin: input.contractPrice - w.cost, source: 'contract' };
  }
  if (belowCost) {
    throw unpriceable(`the markup would sell below reseller cost (${w.cost + w.markup} < ${w.cost} ${input.currency} minor units)`);
  }
  return w;
}

/**
 * The list-price waterfall without the refusal: what a proposed markup would do, below cost or not
 * (the markup simulator shows it, and names such plans when it refuses to save). Below cost means
 * the markup itself takes the price under cost: rounding up never rescues a negative markup.
 */
export function computeWaterfall(input: Omit<PriceInput, 'contractPrice'>): Waterfall & { belowCost: boolean } {
  const { currency, wholesale, tierDiscountBasisPoints: tier } = input;
  assertMinorUnits('wholesale', wholesale);
  if (wholesale < 0) throw unpriceable('wholesale price cannot be negative');
  if (!Number.isInteger(tier) || tier < 0 || tier > 10_000) throw unpriceable('tier discount must be 0–10000 basis points');

  // The discount is rounded down: a fraction of a cent never goes against the distributor.
  const tierDiscount = Math.floor((wholesale * tier) / 10_000);
  const cost = wholesale - tierDiscount;
  const markup = markupAmount(cost, input.markup);
  const beforeRounding = cost + markup;
  const rounded = roundUp(beforeRounding, input.rounding, minorDigits(currency));
  return { currency, wholesale, tierDiscount, cost, markup, rounding: rounded - beforeRounding, sell: rounded, margin: rounded - cost, source: 'list', belowCost: beforeRounding < cost };
}

export function markupAmount(cost: number, markup: Markup | null): number {
  if (!markup) return 0;
  if (markup.kind === 'percent') {
    if (!Number.isInteger(markup.basisPoints)) throw unpriceable('a percentage markup must be whole basis points');
    // Rounded up so a positive markup never rounds away to nothing.
    return Math.ceil((cost * markup.basisPoints) / 10_000);
  }
  assertMinorUnits('fixed markup', markup.amount);
  return markup.amount;
}

/**
 * Rounds a price up to the rule's ending: `99` → …x.99, `95` → …x.95, `whole` → …x.00. Rounding up
 * (never down) keeps every rounded price at or above the price before rounding, hence above cost.
 * Currencies without minor units have nothing to round.
 */
export function roundUp(amount: number, rule: Rounding, digits: number): number {
  if (rule === 'none' || digits === 0) return amount;
  const unit = 10 ** digits;
  if (rule === 'whole') return Math.ceil(amount / unit) * unit;
  const ending = rule === '99' ? unit - 1 : Math.round((unit * 95) / 100);
  const base = Math.floor(amount / unit) * unit + ending;
  return base >= amount ? base : base + unit;
}
