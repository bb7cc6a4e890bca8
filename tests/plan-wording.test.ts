import { describe, expect, it } from 'vitest';
import { planFacts } from '@/app/[tenant]/[locale]/_components/plan-facts';
import { translator } from '@/lib/i18n/translator';

const plan = { minSeats: 1, maxSeats: 300, termMonths: 1, cancellationWindowHours: 168 };

describe('what a customer reads of plans and seats', () => {
  it('a plan without a cancellation window says changes take effect at renewal, not "within 0 hours"', () => {
    for (const [locale, renewal] of [['en', 'next renewal'], ['de', 'nächsten Verlängerung'], ['fr', 'prochain renouvellement']] as const) {
      const t = translator(locale, 'catalog');
      expect(planFacts(t, { ...plan, cancellationWindowHours: 0 }, { perStorefront: false }).at(-1), locale).toContain(renewal);
      expect(planFacts(t, plan, { perStorefront: false }).at(-1), locale).toContain('168');
    }
    // A storefront plan has no seats to speak of.
    expect(planFacts(translator('en', 'catalog'), plan, { perStorefront: true })).toHaveLength(2);
  });

  it('one seat is one seat, in every language', () => {
    for (const [locale, one, two] of [['en', '1 seat', '2 seats'], ['de', '1 Lizenz', '2 Lizenzen'], ['fr', '1 licence', '2 licences']] as const) {
      const orders = translator(locale, 'orders');
      expect(orders('subscription', { seats: 1 }), locale).toContain(one);
      expect(orders('subscription', { seats: 1 }), locale).not.toContain(two.split(' ')[1]!);
      expect(orders('subscription', { seats: 2 }), locale).toContain(two);
      expect(translator(locale, 'dashboard')('activeFigures', { subscriptions: 3, seats: 1 }), locale).toContain(one);
      expect(translator(locale, 'subscriptions')('scheduledSeats', { seats: 1 }), locale).toBe(one);
    }
  });
});
