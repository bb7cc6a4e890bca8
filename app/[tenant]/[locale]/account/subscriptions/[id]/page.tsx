import { randomBytes } from 'node:crypto';
import { notFound } from 'next/navigation';
import { getFormatter, getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { now as clock } from '@/lib/clock';
import { can } from '@/lib/identity/access';
import { personalPage } from '@/lib/identity/page-viewer';
import { localePath } from '@/lib/i18n/locales';
import { documentNumber } from '@/lib/invoices/format';
import { formatMoney } from '@/lib/money';
import { changeState, clockSubject, pricePlansFor } from '@/lib/subscriptions/commands';
import { seatChangeRefusal } from '@/lib/subscriptions/policy';
import { errorSentence } from '@/lib/i18n/errors';
import { commitmentClock, quoteCancel, quotePlan, quoteSeats } from '@/lib/subscriptions/commitment';
import { subscriptionDetail } from '@/lib/subscriptions/queries';
import { buttonClass, Field, FormFeedback, inputClass, quietButtonClass } from '../../../_components/forms';
import { StorefrontFrame } from '../../../_components/storefront-frame';
import { storefrontContext } from '../../../_components/storefront';
import { signInFirst } from '../../../_components/portal';
import { API } from '../../../_components/api-routes';

export const dynamic = 'force-dynamic';

type Params = Promise<{ tenant: string; locale: string; id: string }>;
type Search = Promise<Record<string, string | string[] | undefined>>;

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/**
 * One subscription: its facts, the commitment clock, every change with what it costs before it is
 * confirmed (a preview is a plain GET of this page; the change itself a POST), who has its seats,
 * its history and its documents. Members see it; only the organisation's admins change it.
 */
export default async function SubscriptionPage({ params, searchParams }: { params: Params; searchParams: Search }) {
  const { tenant, locale } = await storefrontContext(params);
  const { id } = await params;
  const search = await searchParams;
  const path = (p: string) => localePath(locale, tenant.defaultLocale, p);
  const page = path(`/account/subscriptions/${id}`);
  const now = clock();
  const wantSeats = Number(one(search.seats));
  const wantPlan = one(search.plan);
  const { viewer, detail, prices } = await personalPage(tenant, async (db, viewer) => {
    const detail = viewer ? await subscriptionDetail(db, tenant.id, id) : null;
    if (!detail || !can(viewer, tenant, 'organization:read', detail.sub.organizationId)) return { viewer, detail: null, prices: new Map<string, number>() };
    // What each other plan of the product would cost this organisation per seat, now.
    const manage = detail.sub.status === 'active' && can(viewer, tenant, 'organization:manage', detail.sub.organizationId);
    const prices = manage ? await pricePlansFor(db, tenant, detail.sub, detail.siblings.filter((p) => p.id !== detail.sub.planId)) : new Map<string, number>();
    return { viewer, detail, prices };
  });
  if (!viewer) signInFirst(path, page);
  if (!detail) notFound();
  const { sub, plan, product, licensee, siblings, events, assigned, people, documents, scheduledPlan, pendingSeats, pendingUpgrade } = detail;
  const admin = can(viewer, tenant, 'organization:manage', sub.organizationId);
  const t = await getTranslations({ locale, namespace: 'subscriptions' });
  const ti = await getTranslations({ locale, namespace: 'invoices' });
  const r = await getTranslations({ locale, namespace: 'reselling' });
  const format = await getFormatter({ locale });
  const date = (d: Date) => format.dateTime(d, { dateStyle: 'medium', timeZone: 'UTC' });
  // Times of day in UTC, and said so: the window closes at the same moment wherever one reads it.
  const dateTime = (d: Date) => `${format.dateTime(d, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' })} UTC`;
  const money = (n: number) => formatMoney(n, sub.currency, locale);
  const text = (v: Record<string, string>) => v[locale] ?? v.en ?? '';
  const period = t(`per.${sub.billingPeriod}`);
  const active = sub.status === 'active';
  const subject = clockSubject({ sub, plan, assigned: assigned.length });
  const c = commitmentClock(subject, now);
  const effective = sub.seats + pendingSeats;
  const key = () => randomBytes(16).toString('hex');
  const hidden = (extra: Record<string, string | number> = {}) => (
    <>
      <input type="hidden" name="subscriptionId" value={sub.id} />
      <input type="hidden" name="locale" value={locale} />
      <input type="hidden" name="returnTo" value={page} />
      {Object.entries(extra).map(([k, v]) => <input key={k} type="hidden" name={k} value={v} />)}
    </>
  );

  // The preview asked for in the query string, worked out with the same rules as the change.
  let preview: ReactNode = null;
  if (admin && active && Number.isInteger(wantSeats) && wantSeats >= 1) {
    const q = quoteSeats({ ...subject, seats: effective }, wantSeats, now);
    const count = Math.abs(wantSeats - effective);
    // What the change itself would refuse is said here, before a confirm button is offered.
    const refused = seatChangeRefusal(changeState({ sub, assigned: assigned.length, pendingSeats, pendingUpgrade }), plan, wantSeats);
    const refusal = refused ? errorSentence(locale, refused.code) : null;
    const words =
      refusal ??
      (wantSeats === effective
        ? t('quote.unchanged')
        : wantSeats > effective
          ? t('quote.add', { count, amount: money(q.amount), date: date(sub.currentPeriodEnd), renewal: money(q.renewalAmount), period })
          : q.effect === 'now'
            ? t('quote.reduceNow', { count, amount: money(-q.amount), renewal: money(q.renewalAmount), period })
            : t('quote.reduceLater', { seats: wantSeats, date: date(sub.currentPeriodEnd), renewal: money(q.renewalAmount), period }));
    preview = (
      <Quote title={t('quote.title')} words={words} amount={refusal ? 0 : q.amount} back={page} backLabel={t('back')}>
        {wantSeats !== effective && !refusal && (
          <form method="post" action={API.accountSubscriptionsSeats}>
            {hidden({ seats: wantSeats, idempotencyKey: key() })}
            <button type="submit" className={buttonClass} data-testid="confirm">{t('confirm')}</button>
          </form>
        )}
      </Quote>
    );
  } else if (admin && active && wantPlan && prices.has(wantPlan)) {
    const target = siblings.find((p) => p.id === wantPlan)!;
    const q = quotePlan(subject, prices.get(wantPlan)!, now);
    const words =
      q.effect === 'now'
        ? t('quote.upgrade', { plan: text(target.name), amount: money(q.amount), charge: money(q.charge), credit: money(q.credit), renewal: money(q.renewalAmount), period })
        : t('quote.downgrade', { plan: text(target.name), date: date(sub.currentPeriodEnd), renewal: money(prices.get(wantPlan)! * (sub.scheduledSeats ?? sub.seats)), period });
    preview = (
      <Quote title={t('quote.title')} words={words} amount={q.amount} back={page} backLabel={t('back')}>
        <form method="post" action={API.accountSubscriptionsPlan}>
          {hidden({ planId: target.id, idempotencyKey: key() })}
          <button type="submit" className={buttonClass} data-testid="confirm">{t('confirm')}</button>
        </form>
      </Quote>
    );
  } else if (admin && active && one(search.cancel) === '1' && !sub.cancelAtPeriodEnd) {
    const q = quoteCancel(subject, now);
    const words = q.effect === 'now' ? t('quote.cancelNow', { amount: money(-q.amount) }) : t('quote.cancelLater', { date: date(sub.currentPeriodEnd) });
    preview = (
      <Quote title={t('quote.title')} words={words} amount={q.amount} back={page} backLabel={t('back')}>
        <form method="post" action={API.accountSubscriptionsCancel}>
          {hidden()}
          <button type="submit" className={buttonClass} data-testid="confirm">{t('confirm')}</button>
        </form>
      </Quote>
    );
  }

  const renewalWords = !active
    ? t('ended')
    : sub.cancelAtPeriodEnd
      ? t('cancelsOn', { date: date(sub.currentPeriodEnd) })
      : sub.autoRenew
        ? t('renewsOn', { date: date(sub.currentPeriodEnd) })
        : t('endsOn', { date: date(sub.currentPeriodEnd) });
  const assignable = people.filter((p) => !assigned.some((a) => a.userId === p.userId));
  const oneSeatCredit = -quoteSeats(subject, sub.seats - 1, now).amount;
  const cancelCredit = -quoteCancel(subject, now).amount;

  return (
    <StorefrontFrame tenant={tenant} locale={locale} path={`/account/subscriptions/${id}`}>
      <div className="mx-auto flex w-full max-w-4xl flex-col gap-8 px-4 py-10">
        <header className="flex flex-wrap items-baseline justify-between gap-4">
          <div>
            <h1 className="font-heading text-3xl font-bold">{text(product.name)}</h1>
            <p className="text-muted">{text(plan.name)}</p>
            {licensee && <p className="text-sm text-muted" data-testid="licensee">{r('licenseeOf', { name: `${licensee.name} (${licensee.country})` })}</p>}
          </div>
          <span className="rounded-theme bg-surface px-3 py-1 font-medium" data-testid="subscription-status">{t(`statuses.${sub.status}`)}</span>
        </header>
        <SubscriptionFeedback locale={locale} search={search} t={t} />
        {(pendingSeats > 0 || pendingUpgrade) && <p className="rounded-theme bg-surface px-4 py-3 text-sm" data-testid="pending">{t('pending')}</p>}

        <dl className="grid gap-4 rounded-theme border border-line bg-surface p-4 text-sm sm:grid-cols-3">
          <Fact label={t('seats')} testId="seats">{t('seatsAssigned', { assigned: assigned.length, seats: sub.seats })}</Fact>
          <Fact label={t('billingPeriod')}>{t(`periods.${sub.billingPeriod}`)}</Fact>
          <Fact label={t('currentPeriod')}>{date(sub.currentPeriodStart)} – {date(sub.currentPeriodEnd)}</Fact>
          <Fact label={t('renewal')} testId="renewal">{renewalWords}</Fact>
          <Fact label={t('price')} testId="price">{t('pricePer', { amount: money(sub.unitPrice * sub.seats), period })}</Fact>
          <Fact label={t('autoRenew')}>{sub.autoRenew ? t('on') : t('off')}</Fact>
        </dl>

        {active && (
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
        )}

        {preview}

        {active && (sub.scheduledSeats !== null || scheduledPlan) && (
          <section className="flex flex-wrap items-center justify-between gap-4 rounded-theme border border-primary bg-surface p-4 text-sm" data-testid="scheduled">
            <p>
              {t('scheduled', {
                date: date(sub.currentPeriodEnd),
                what: [sub.scheduledSeats !== null ? t('scheduledSeats', { seats: sub.scheduledSeats }) : null, scheduledPlan ? t('scheduledPlan', { plan: text(scheduledPlan.name) }) : null].filter(Boolean).join(', '),
              })}
            </p>
            {admin && (
              <form method="post" action={API.accountSubscriptionsWithdraw}>
                {hidden()}
                <button type="submit" className={quietButtonClass}>{t('withdraw')}</button>
              </form>
            )}
          </section>
        )}

        {admin && active ? (
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
                    {siblings.filter((p) => prices.has(p.id)).map((p) => (
                      <option key={p.id} value={p.id}>{text(p.name)} · {t('perSeat', { amount: money(prices.get(p.id)!), period })}</option>
                    ))}
                  </select>
                </Field>
                <button type="submit" className={`${buttonClass} self-start`} data-testid="preview-plan">{t('preview')}</button>
              </form>
            )}
            <div className="flex flex-wrap items-center gap-3 rounded-theme border border-line bg-surface p-4">
              {sub.cancelAtPeriodEnd ? (
                <form method="post" action={API.accountSubscriptionsResume}>
                  {hidden()}
                  <button type="submit" className={buttonClass} data-testid="resume">{t('undoCancel')}</button>
                </form>
              ) : (
                <a className={quietButtonClass} href={`${page}?cancel=1`} data-testid="cancel">{t('cancel')}</a>
              )}
              {!sub.cancelAtPeriodEnd && (
                <form method="post" action={API.accountSubscriptionsAutoRenew}>
                  {hidden({ autoRenew: sub.autoRenew ? 'off' : 'on' })}
                  <button type="submit" className={quietButtonClass} data-testid="auto-renew">{sub.autoRenew ? t('autoRenewOff') : t('autoRenewOn')}</button>
                </form>
              )}
            </div>
          </section>
        ) : (
          active && <p className="text-sm text-muted">{t('readOnly')}</p>
        )}

        <section>
          <h2 className="font-heading text-xl font-semibold">{t('licences')}</h2>
          {assigned.length === 0 ? (
            <p className="mt-2 text-sm text-muted">{t('nobody')}</p>
          ) : (
            <ul className="mt-3 divide-y divide-line rounded-theme border border-line bg-surface text-sm" data-testid="assignments">
              {assigned.map((a) => (
                <li key={a.userId} className="flex flex-wrap items-center justify-between gap-3 px-4 py-2" data-testid="assignment">
                  <span>{a.name ? `${a.name} · ` : ''}{a.email} <span className="text-muted">{t('assignedSince', { date: date(a.assignedAt) })}</span></span>
                  {admin && (
                    <form method="post" action={API.accountSubscriptionsUnassign}>
                      {hidden({ userId: a.userId })}
                      <button type="submit" className={quietButtonClass}>{t('unassign')}</button>
                    </form>
                  )}
                </li>
              ))}
            </ul>
          )}
          {admin && active && assignable.length > 0 && (
            <form method="post" action={API.accountSubscriptionsAssign} className="mt-3 flex items-end gap-3">
              {hidden()}
              <Field label={t('person')}>
                <select name="userId" className={inputClass} data-testid="assign-user">
                  {assignable.map((p) => <option key={p.userId} value={p.userId}>{p.name ? `${p.name} (${p.email})` : p.email}</option>)}
                </select>
              </Field>
              <button type="submit" className={buttonClass} data-testid="assign">{t('assign')}</button>
            </form>
          )}
        </section>

        {documents.length > 0 && (
          <section>
            <h2 className="font-heading text-xl font-semibold">{t('documents')}</h2>
            <ul className="mt-3 divide-y divide-line rounded-theme border border-line bg-surface text-sm" data-testid="documents">
              {documents.map((d) => (
                <li key={d.id} className="flex flex-wrap items-center justify-between gap-3 px-4 py-2" data-testid="document">
                  <span>{ti(`kinds.${d.kind}`)} {documentNumber(d)} · {date(d.issuedAt)}</span>
                  <span>{d.kind === 'credit_note' ? '−' : ''}{money(d.total)} · {ti(`statuses.${d.status}`)}</span>
                  <a className="text-primary underline" href={path(`/account/invoices/${d.id}/pdf`)}>{ti('download')}</a>
                </li>
              ))}
            </ul>
          </section>
        )}

        <section>
          <h2 className="font-heading text-xl font-semibold">{t('history')}</h2>
          <ol className="mt-3 space-y-1 text-sm" data-testid="history">
            {events.map((e) => (
              <li key={e.id} className="flex flex-wrap gap-x-2">
                <span className="text-muted">{dateTime(e.at)}</span>
                <span>{t(`events.${e.kind}` as 'events.purchased', { from: e.seatsFrom ?? '', to: e.seatsTo ?? '' })}</span>
                {e.amount !== null && e.amount !== 0 && <span className="font-medium">{e.amount > 0 ? '' : '−'}{formatMoney(Math.abs(e.amount), e.currency ?? sub.currency, locale)}</span>}
                {e.effectiveAt && <span className="text-muted">({date(e.effectiveAt)})</span>}
                {e.note && (e.kind === 'seat_assigned' || e.kind === 'seat_unassigned' || e.kind === 'payment_failed' || e.kind === 'suspended') && <span className="text-muted">{e.note}</span>}
                <span className="text-muted">· {e.actor === 'system' ? tenant.name : e.actor}</span>
              </li>
            ))}
          </ol>
        </section>
        <p><a className="text-primary underline" href={path('/account/subscriptions')}>← {t('title')}</a></p>
      </div>
    </StorefrontFrame>
  );
}

function Fact({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <div>
      <dt className="text-muted">{label}</dt>
      <dd className="font-medium" data-testid={testId}>{children}</dd>
    </div>
  );
}

function Quote({ title, words, amount, back, backLabel, children }: { title: string; words: string; amount: number; back: string; backLabel: string; children: ReactNode }) {
  return (
    <section className="rounded-theme border-2 border-primary bg-surface p-4" data-testid="quote" data-amount={amount}>
      <h2 className="font-heading text-lg font-semibold">{title}</h2>
      <p className="mt-2">{words}</p>
      <div className="mt-4 flex items-center gap-4">
        {children}
        <a className="text-primary underline" href={back}>{backLabel}</a>
      </div>
    </section>
  );
}

/** Notices of the subscription forms, in the customer's language (by key only); anything else as every form's. */
function SubscriptionFeedback({ locale, search, t }: { locale: string; search: Record<string, string | string[] | undefined>; t: { (key: string): string; has: (key: string) => boolean } }) {
  const notice = one(search.notice);
  if (!search.error && notice && /^[a-z_]{1,40}$/.test(notice) && t.has(`notices.${notice}`)) {
    return <p role="status" data-testid="form-notice" className="rounded-theme bg-surface px-4 py-3 text-sm">{t(`notices.${notice}`)}</p>;
  }
  return <FormFeedback locale={locale} search={search} />;
}
