import { getTranslations } from 'next-intl/server';
import { buttonClass, Field, inputClass, quietButtonClass } from '../../../../_components/forms';
import { Hidden, planLabel, Reason, type SubscriptionView } from './view';

/** A change waiting for the renewal (fewer seats, another plan), and for admins the way to withdraw it. */
export async function ScheduledChange({ view }: { view: SubscriptionView }) {
  const { sub, scheduledPlan, date } = view;
  if (!view.active || (sub.scheduledSeats === null && !scheduledPlan)) return null;
  const t = await getTranslations({ locale: view.locale, namespace: 'subscriptions' });
  const what = [sub.scheduledSeats !== null ? t('scheduledSeats', { seats: sub.scheduledSeats }) : null, scheduledPlan ? t('scheduledPlan', { plan: planLabel(view, scheduledPlan) }) : null];
  return (
    <section className="flex flex-wrap items-center justify-between gap-4 rounded-theme border border-primary bg-surface p-4 text-sm" data-testid="scheduled">
      <p>{t('scheduled', { date: date(sub.currentPeriodEnd), what: what.filter(Boolean).join(', ') })}</p>
      {view.admin && (
        <form method="post" action={view.actions.withdraw} className="flex flex-wrap items-end gap-3">
          <Hidden view={view} />
          <Reason view={view} />
          <button type="submit" className={quietButtonClass}>{t('withdraw')}</button>
        </form>
      )}
    </section>
  );
}

/** What an admin can change (seats, plan, cancellation, auto-renewal), each previewed before it is made; members read only. */
export async function ChangeForms({ view }: { view: SubscriptionView }) {
  const { sub, plan, choices, prices, clock: c, effective, page, money } = view;
  if (!view.active) return null;
  const t = await getTranslations({ locale: view.locale, namespace: 'subscriptions' });
  if (!view.admin) return <p className="text-sm text-muted">{t('readOnly')}</p>;
  return (
    <section className="grid gap-6 sm:grid-cols-2">
      <form method="get" action={page} className="flex items-end gap-3 rounded-theme border border-line bg-surface p-4">
        <Field label={t('changeSeats')}>
          <input name="seats" type="number" min={Math.max(c.floor, 1)} max={plan.maxSeats} defaultValue={effective} required className={`${inputClass} w-28`} data-testid="seats-input" />
        </Field>
        <button type="submit" className={buttonClass} data-testid="preview-seats">{t('preview')}</button>
      </form>
      {prices.size > 0 && (
        <form method="get" action={page} className="flex min-w-0 flex-col gap-3 rounded-theme border border-line bg-surface p-4">
          <Field label={t('changePlan')}>
            <select name="plan" className={`${inputClass} w-full max-w-full`} data-testid="plan-input">
              {choices.filter((p) => prices.has(p.id)).map((p) => (
                <option key={p.id} value={p.id}>{planLabel(view, p)} · {t('perSeat', { amount: money(prices.get(p.id)!), period: t(`per.${p.billingPeriod}`) })}</option>
              ))}
            </select>
          </Field>
          <button type="submit" className={`${buttonClass} self-start`} data-testid="preview-plan">{t('preview')}</button>
        </form>
      )}
      {/* In the portal each one-click change carries its own reason field: the whole row, so the field reads as the button's. */}
      <div className={`flex flex-wrap items-end gap-3 rounded-theme border border-line bg-surface p-4 ${view.portal ? 'justify-between sm:col-span-2' : ''}`}>
        {sub.cancelAtPeriodEnd ? (
          <form method="post" action={view.actions.resume} className="flex flex-wrap items-end gap-3">
            <Hidden view={view} />
            <Reason view={view} />
            <button type="submit" className={buttonClass} data-testid="resume">{t('undoCancel')}</button>
          </form>
        ) : (
          <a className={quietButtonClass} href={`${page}?cancel=1`} data-testid="cancel">{t('cancel')}</a>
        )}
        {!sub.cancelAtPeriodEnd && (
          <form method="post" action={view.actions.autoRenew} className="flex flex-wrap items-end gap-3">
            <Hidden view={view} extra={{ autoRenew: sub.autoRenew ? 'off' : 'on' }} />
            <Reason view={view} />
            <button type="submit" className={quietButtonClass} data-testid="auto-renew">{sub.autoRenew ? t('autoRenewOff') : t('autoRenewOn')}</button>
          </form>
        )}
      </div>
    </section>
  );
}
