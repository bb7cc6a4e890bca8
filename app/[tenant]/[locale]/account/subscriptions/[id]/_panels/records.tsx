import { getTranslations } from 'next-intl/server';
import { documentNumber } from '@/lib/invoices/format';
import { formatMoney } from '@/lib/money';
import type { SubscriptionView } from './view';

/** The subscription's invoices and credit notes, each as a PDF. */
export async function Documents({ view }: { view: SubscriptionView }) {
  const { documents, date, money, path } = view;
  if (documents.length === 0) return null;
  const t = await getTranslations({ locale: view.locale, namespace: 'subscriptions' });
  const ti = await getTranslations({ locale: view.locale, namespace: 'invoices' });
  return (
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
  );
}

// Events whose note a customer should read (who got a seat, why a payment failed), and the reason
// the storefront's staff gave for a change they made (the customer was mailed it); the notes of
// the store's own runs are for staff.
const NOTED = new Set(['seat_assigned', 'seat_unassigned', 'payment_failed', 'suspended']);

/** Everything that happened to the subscription, newest last, with what it cost and who did it. */
export async function History({ view }: { view: SubscriptionView }) {
  const { events, sub, tenant, locale, date, dateTime } = view;
  const t = await getTranslations({ locale, namespace: 'subscriptions' });
  return (
    <section>
      <h2 className="font-heading text-xl font-semibold">{t('history')}</h2>
      <ol className="mt-3 space-y-1 text-sm" data-testid="history">
        {events.map((e) => (
          <li key={e.id} className="flex flex-wrap gap-x-2">
            <span className="text-muted">{dateTime(e.at)}</span>
            <span>{t(`events.${e.kind}` as 'events.purchased', { from: e.seatsFrom ?? '', to: e.seatsTo ?? '' })}</span>
            {e.amount !== null && e.amount !== 0 && <span className="font-medium">{e.amount > 0 ? '' : '−'}{formatMoney(Math.abs(e.amount), e.currency ?? sub.currency, locale)}</span>}
            {e.effectiveAt && <span className="text-muted">({date(e.effectiveAt)})</span>}
            {e.note && (NOTED.has(e.kind) || e.actor !== 'system') && <span className="text-muted">{e.note}</span>}
            <span className="text-muted">· {e.actor === 'system' ? tenant.name : e.actor}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}
