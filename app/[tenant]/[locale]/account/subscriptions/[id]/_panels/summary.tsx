import { getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { FormFeedback } from '../../../../_components/forms';
import { one, type SubscriptionView } from './view';

/** The product and plan, the status, the answer to the last form, and the facts at a glance. */
export async function SubscriptionSummary({ view }: { view: SubscriptionView }) {
  const { sub, plan, product, licensee, assigned, pendingSeats, pendingUpgrade, locale, date, money, text, active } = view;
  const t = await getTranslations({ locale, namespace: 'subscriptions' });
  const r = await getTranslations({ locale, namespace: 'reselling' });
  const period = t(`per.${sub.billingPeriod}`);
  const renewalWords = sub.status === 'suspended'
    ? t('statuses.suspended')
    : !active
    ? t('ended')
    : sub.cancelAtPeriodEnd
      ? t('cancelsOn', { date: date(sub.currentPeriodEnd) })
      : sub.autoRenew
        ? t('renewsOn', { date: date(sub.currentPeriodEnd) })
        : t('endsOn', { date: date(sub.currentPeriodEnd) });
  return (
    <>
      <header className="flex flex-wrap items-baseline justify-between gap-4">
        <div>
          <h1 className="font-heading text-3xl font-bold">{text(product.name)}</h1>
          <p className="text-muted">{text(plan.name)}</p>
          {licensee && <p className="text-sm text-muted" data-testid="licensee">{r('licenseeOf', { name: `${licensee.name} (${licensee.country})` })}</p>}
        </div>
        <span className="rounded-theme bg-surface px-3 py-1 font-medium" data-testid="subscription-status">{t(`statuses.${sub.status}`)}</span>
      </header>
      <SubscriptionNotice view={view} />
      {(pendingSeats > 0 || pendingUpgrade) && <p className="rounded-theme bg-surface px-4 py-3 text-sm" data-testid="pending">{t('pending')}</p>}

      <dl className="grid gap-4 rounded-theme border border-line bg-surface p-4 text-sm sm:grid-cols-3">
        <Fact label={t('seats')} testId="seats">{t('seatsAssigned', { assigned: assigned.length, seats: sub.seats })}</Fact>
        <Fact label={t('billingPeriod')}>{t(`periods.${sub.billingPeriod}`)}</Fact>
        <Fact label={t('currentPeriod')}>{date(sub.currentPeriodStart)} – {date(sub.currentPeriodEnd)}</Fact>
        <Fact label={t('renewal')} testId="renewal">{renewalWords}</Fact>
        <Fact label={t('price')} testId="price">{t('pricePer', { amount: money(sub.unitPrice * sub.seats), period })}</Fact>
        <Fact label={t('autoRenew')}>{sub.autoRenew ? t('on') : t('off')}</Fact>
      </dl>
    </>
  );
}

/** The answer to the last form: the subscription forms' own notices by key only, anything else as every form's. */
export async function SubscriptionNotice({ view }: { view: SubscriptionView }) {
  const t = await getTranslations({ locale: view.locale, namespace: 'subscriptions' });
  const notice = one(view.search.notice);
  const own = !view.search.error && notice && /^[a-z_]{1,40}$/.test(notice) && t.has(`notices.${notice}`) ? notice : null;
  if (!own) return <FormFeedback locale={view.locale} search={view.search} />;
  return <p role="status" data-testid="form-notice" className="rounded-theme bg-surface px-4 py-3 text-sm">{t(`notices.${own}` as 'notices.seats_ordered')}</p>;
}

function Fact({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <div>
      <dt className="text-muted">{label}</dt>
      <dd className="font-medium" data-testid={testId}>{children}</dd>
    </div>
  );
}
