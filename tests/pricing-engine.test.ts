import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainError } from '@/lib/errors';
import { priceWaterfall, roundUp, type Markup, type PriceInput, type Rounding } from '@/lib/pricing/engine';
import { formatMoney } from '@/lib/money';

const rounding = fc.constantFrom<Rounding>('none', '99', '95', 'whole');
const currency = fc.constantFrom('EUR', 'USD', 'GBP', 'JPY');
const markup: fc.Arbitrary<Markup | null> = fc.oneof(
  fc.constant(null),
  fc.record({ kind: fc.constant('percent' as const), basisPoints: fc.integer({ min: 0, max: 50_000 }) }),
  fc.record({ kind: fc.constant('fixed' as const), amount: fc.integer({ min: 0, max: 1_000_000 }) }),
);
const input: fc.Arbitrary<PriceInput> = fc.record({
  currency,
  wholesale: fc.integer({ min: 0, max: 100_000_000 }),
  tierDiscountBasisPoints: fc.integer({ min: 0, max: 10_000 }),
  markup,
  rounding,
});

describe('price waterfall (properties)', () => {
  it('keeps every amount a whole number of minor units', () => {
    fc.assert(
      fc.property(input, (i) => {
        const w = priceWaterfall(i);
        for (const value of [w.wholesale, w.tierDiscount, w.cost, w.markup, w.rounding, w.sell, w.margin]) {
          expect(Number.isSafeInteger(value)).toBe(true);
        }
        expect(w.wholesale - w.tierDiscount).toBe(w.cost);
        expect(w.cost + w.markup + w.rounding).toBe(w.sell);
        expect(w.sell - w.cost).toBe(w.margin);
      }),
    );
  });

  it('never sells below reseller cost', () => {
    fc.assert(
      fc.property(input, (i) => {
        const w = priceWaterfall(i);
        expect(w.sell).toBeGreaterThanOrEqual(w.cost);
      }),
    );
  });

  it('ends prices as the rounding rule says', () => {
    fc.assert(
      fc.property(input.filter((i) => i.currency !== 'JPY'), (i) => {
        const cents = priceWaterfall(i).sell % 100;
        if (i.rounding === '99') expect(cents).toBe(99);
        if (i.rounding === '95') expect(cents).toBe(95);
        if (i.rounding === 'whole') expect(cents).toBe(0);
      }),
    );
  });

  it('never lowers the price when the markup grows', () => {
    fc.assert(
      fc.property(input, fc.integer({ min: 0, max: 20_000 }), fc.integer({ min: 0, max: 20_000 }), (i, a, b) => {
        const [low, high] = a <= b ? [a, b] : [b, a];
        const p = (bp: number) => priceWaterfall({ ...i, markup: { kind: 'percent', basisPoints: bp } }).sell;
        expect(p(high)).toBeGreaterThanOrEqual(p(low));
        const f = (amount: number) => priceWaterfall({ ...i, markup: { kind: 'fixed', amount } }).sell;
        expect(f(high)).toBeGreaterThanOrEqual(f(low));
      }),
    );
  });

  it('lets a contract price at or above cost win over the list price', () => {
    fc.assert(
      fc.property(input, fc.integer({ min: 0, max: 1_000_000 }), (i, extra) => {
        const cost = priceWaterfall(i).cost;
        const w = priceWaterfall({ ...i, contractPrice: cost + extra });
        expect(w.sell).toBe(cost + extra);
        expect(w.source).toBe('contract');
      }),
    );
  });

  it('refuses a contract price or a negative markup below cost', () => {
    fc.assert(
      fc.property(input.filter((i) => i.wholesale > 0 && i.tierDiscountBasisPoints < 10_000), (i) => {
        const cost = priceWaterfall(i).cost;
        expect(() => priceWaterfall({ ...i, contractPrice: cost - 1 })).toThrow(DomainError);
        expect(() => priceWaterfall({ ...i, markup: { kind: 'fixed', amount: -1 } })).toThrow(/below reseller cost/);
      }),
    );
  });
});

describe('price waterfall (examples)', () => {
  it('computes a reseller price step by step', () => {
    // €10.00 wholesale, Gold tier 15 % off, 30 % markup, ends in .99.
    expect(
      priceWaterfall({ currency: 'EUR', wholesale: 1000, tierDiscountBasisPoints: 1500, markup: { kind: 'percent', basisPoints: 3000 }, rounding: '99' }),
    ).toEqual({ currency: 'EUR', wholesale: 1000, tierDiscount: 150, cost: 850, markup: 255, rounding: 94, sell: 1199, margin: 349, source: 'list' });
  });

  it('rounds up to the next ending', () => {
    expect(roundUp(1200, '99', 2)).toBe(1299);
    expect(roundUp(1299, '99', 2)).toBe(1299);
    expect(roundUp(1296, '95', 2)).toBe(1395);
    expect(roundUp(1201, 'whole', 2)).toBe(1300);
    expect(roundUp(1201, '99', 0)).toBe(1201);
  });

  it('refuses amounts that are not whole minor units', () => {
    expect(() => priceWaterfall({ currency: 'EUR', wholesale: 10.5, tierDiscountBasisPoints: 0, markup: null, rounding: 'none' })).toThrow(/whole number/);
  });

  it('formats minor units for the locale', () => {
    // Intl separates the amount and the symbol with a no-break space.
    expect(formatMoney(1199, 'EUR', 'de')).toBe('11,99\u00a0€');
    expect(formatMoney(1199, 'USD', 'en')).toBe('$11.99');
    expect(formatMoney(1199, 'GBP', 'fr')).toBe('11,99\u00a0£GB');
    expect(formatMoney(1500, 'JPY', 'en')).toBe('¥1,500');
  });
});

describe('money and rates written without float arithmetic', () => {
  it('minor units as a form decimal, exactly', async () => {
    const { minorToDecimal } = await import('@/lib/money');
    expect(minorToDecimal(125_050, 'USD')).toBe('1250.50');
    expect(minorToDecimal(5, 'EUR')).toBe('0.05');
    expect(minorToDecimal(5, 'JPY')).toBe('5');
    expect(minorToDecimal(1_234, 'BHD')).toBe('1.234');
    expect(minorToDecimal(9_007_199_254_740_991, 'EUR')).toBe('90071992547409.91');
  });
  it('basis points as a percentage in the reader’s notation', async () => {
    const { basisPointsToPercent } = await import('@/lib/money');
    expect(basisPointsToPercent(1900)).toBe('19');
    expect(basisPointsToPercent(2050)).toBe('20.5');
    expect(basisPointsToPercent(-2965)).toBe('-29.65');
    expect(basisPointsToPercent(725, 'de')).toBe('7,25');
    expect(basisPointsToPercent(0)).toBe('0');
  });
});
