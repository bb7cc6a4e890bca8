import { getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { errorSentence } from '@/lib/i18n/errors';
import { PLAN_FEATURES } from '@/lib/reselling/plans';
import { changeState } from '@/lib/subscriptions/commands';
import { quoteCancel, quotePlan, quoteSeats } from '@/lib/subscriptions/commitment';
import { movesAtRenewal, planPath, seatChangeRefusal } from '@/lib/subscriptions/policy';
import { buttonClass } from '../../../../_components/forms';
import { Hidden, idempotencyKey, one, planLabel, Reason, type SubscriptionView } from './view';

/**
 * The change asked for in the query string (`?seats=`, `?plan=`, `?cancel=1`), worked out with
 * the same rules as the change itself, with its confirm button: a preview is a plain GET of the page.
 */
export async function ChangePreview({ view }: { view: SubscriptionView }) {
  const { sub, plan, product, assigned, pendingSeats, pendingUpgrade, choices, prices, subject, effective, now, page, date, money, search, locale } = view;
  if (!view.admin || !view.active) return null;
  const t = await getTranslations({ locale, namespace: 'subscriptions' });
  const period = t(`per.${sub.billingPeriod}`);
  const wantSeats = Number(one(search.seats));
  const wantPlan = one(search.plan);
  const confirm = (action: string, extra?: Record<string, string | number>) => (
    <form method="post" action={action} className="flex flex-wrap items-end gap-3">
      <Hidden view={view} extra={extra} />
      <Reason view={view} />
      <button type="submit" className={buttonClass} data-testid="confirm">{t('confirm')}</button>
    </form>
  );
  const quote = (words: string, amount: number, children: ReactNode, warning?: string | null) => (
    <section className="rounded-theme border-2 border-primary bg-surface p-4" data-testid="quote" data-amount={amount}>
      <h2 className="font-heading text-lg font-semibold">{t('quote.title')}</h2>
      <p className="mt-2">{words}</p>
      {warning && <p className="mt-2 font-semibold" data-testid="storefront-warning">{warning}</p>}
      <div className="mt-4 flex items-center gap-4">
        {children}
        <a className="text-primary underline" href={page}>{t('back')}</a>
      </div>
    </section>
  );

  if (Number.isInteger(wantSeats) && wantSeats >= 1) {
    const q = quoteSeats({ ...subject, seats: effective }, wantSeats, now);
    const count = Math.abs(wantSeats - effective);
    // What the change itself would refuse is said here, before a confirm button is offered.
    const refused = seatChangeRefusal(changeState({ sub, assigned: assigned.length, pendingSeats, pendingUpgrade }), plan, wantSeats);
    const refusal = refused ? errorSentence(locale, refused.code, refused.details ? JSON.stringify(refused.details) : undefined) : null;
    const words =
      refusal ??
      (wantSeats === effective
        ? t('quote.unchanged')
        : wantSeats > effective
          ? t('quote.add', { count, amount: money(q.amount), date: date(sub.currentPeriodEnd), renewal: money(q.renewalAmount), period })
          : q.effect === 'now'
            ? t('quote.reduceNow', { count, amount: money(-q.amount), renewal: money(q.renewalAmount), period })
            : t('quote.reduceLater', { seats: wantSeats, date: date(sub.currentPeriodEnd), renewal: money(q.renewalAmount), period }));
    const offer = wantSeats !== effective && !refusal;
    return quote(words, refusal ? 0 : q.amount, offer && confirm(view.actions.seats, { seats: wantSeats, idempotencyKey: idempotencyKey() }));
  }
  if (wantPlan && prices.has(wantPlan)) {
    const target = choices.find((p) => p.id === wantPlan)!;
    const perSeat = prices.get(wantPlan)!;
    // The same rules as the change (lib/subscriptions/commands.ts changePlan): the path, then the price.
    const atRenewal = movesAtRenewal(planPath(product, target.product) ?? 'downgrade', plan, target);
    const q = quotePlan(subject, perSeat, now, { atRenewal, renewalSeats: sub.scheduledSeats ?? sub.seats });
    const name = planLabel(view, target);
    const words =
      q.effect === 'now'
        ? t('quote.upgrade', { plan: name, amount: money(q.amount), charge: money(q.charge), credit: money(q.credit), renewal: money(q.renewalAmount), period })
        : t('quote.downgrade', { plan: name, date: date(sub.currentPeriodEnd), renewal: money(q.renewalAmount), period: t(`per.${target.billingPeriod}`) });
    return quote(words, q.amount, confirm(view.actions.plan, { planId: target.id, idempotencyKey: idempotencyKey() }), await storefrontDowngrade(view, plan.storefrontPlan, target.storefrontPlan));
  }
  if (one(search.cancel) === '1' && !sub.cancelAtPeriodEnd) {
    const q = quoteCancel(subject, now);
    const words = q.effect === 'now' ? t('quote.cancelNow', { amount: money(-q.amount) }) : t('quote.cancelLater', { date: date(sub.currentPeriodEnd) });
    const warning = view.storefrontHost ? t('storefrontWarning.cancel', { host: view.storefrontHost }) : null;
    return quote(words, q.amount, confirm(view.actions.cancel), warning);
  }
  return null;
}

/** What a storefront loses on a cheaper storefront plan (Standard → Free), said before it is confirmed. */
async function storefrontDowngrade(view: SubscriptionView, from: string | null, to: string | null): Promise<string | null> {
  if (!view.storefrontHost || !isStorefrontPlan(from) || !isStorefrontPlan(to)) return null;
  const lost = PLAN_FEATURES[from].filter((f) => !PLAN_FEATURES[to].includes(f));
  if (!lost.length) return null;
  const t = await getTranslations({ locale: view.locale, namespace: 'subscriptions' });
  const r = await getTranslations({ locale: view.locale, namespace: 'reselling' });
  return t('storefrontWarning.downgrade', { date: view.date(view.sub.currentPeriodEnd), host: view.storefrontHost, plan: r(`plans.${to}`), features: lost.map((f) => r(`features.${f}`)).join(', ') });
}

const isStorefrontPlan = (plan: string | null): plan is keyof typeof PLAN_FEATURES => plan !== null && plan in PLAN_FEATURES;
