import { getTranslations } from 'next-intl/server';
import { quoteCancel, quoteSeats } from '@/lib/subscriptions/commitment';
import type { SubscriptionView } from './view';

/** The commitment clock: how long seats can still be given back for a refund, and what each way out costs. */
export async function CommitmentPanel({ view }: { view: SubscriptionView }) {
  const { sub, plan, assigned, subject, clock: c, now, date, dateTime, money } = view;
  if (!view.active) return null;
  const t = await getTranslations({ locale: view.locale, namespace: 'subscriptions' });
  const oneSeatCredit = -quoteSeats(subject, sub.seats - 1, now).amount;
  const cancelCredit = -quoteCancel(subject, now).amount;
  return (
    <section className="rounded-theme border border-line bg-surface p-4 text-sm" data-testid="clock">
      <h2 className="font-heading text-xl font-semibold">{t('clock.title')}</h2>
      <p className="mt-2" data-testid="window">
        {c.windowOpen ? t('clock.open', { date: dateTime(c.windowEndsAt), hours: Math.ceil(c.windowSecondsLeft / 3600) }) : t('clock.closed', { date: dateTime(c.windowEndsAt) })}
      </p>
      <p className="mt-1" data-testid="reducible">{t('clock.reducible', { count: c.reducibleNow })}</p>
      <p className="mt-1 text-muted">{t('clock.floor', { floor: c.floor, assigned: assigned.length, min: plan.minSeats })}</p>
      <ul className="mt-3 list-disc space-y-1 pl-5">
        {c.windowOpen && c.reducibleNow > 0 && <li>{t('clock.seatNow', { amount: money(oneSeatCredit) })}</li>}
        <li>{t('clock.seatLater', { date: date(sub.currentPeriodEnd) })}</li>
        {c.windowOpen && !sub.cancelAtPeriodEnd && <li>{t('clock.cancelNow', { amount: money(cancelCredit) })}</li>}
        <li>{t('clock.cancelLater', { date: date(sub.currentPeriodEnd) })}</li>
      </ul>
    </section>
  );
}
