import { getFormatter, getTranslations } from 'next-intl/server';
import { platformDomain } from '@/lib/config/platform';
import { can } from '@/lib/identity/access';
import { now } from '@/lib/clock';
import { forTenant } from '@/lib/db';
import { orderDetail } from '@/lib/orders/queries';
import { fulfilCardPayment } from '@/lib/orders/payment-events';
import { retrieveCheckoutSession, stripeConfigured } from '@/lib/payments/stripe';
import { basisPointsToPercent, formatMoney } from '@/lib/money';
import { FormFeedback } from '../../../_components/forms';
import { causeText } from '@/lib/orders/causes';
import { documentNumber, groupsOfFour } from '@/lib/invoices/format';
import { translator } from '@/lib/i18n/translator';
import { personalDocument, personalNotFound } from '../../../_components/document';
import { personalRoute } from '../../../_components/personal';

export const dynamic = 'force-dynamic';

/**
 * One order, its lines, subscriptions and history; a refresh shows the latest status. Returning
 * from Stripe (`?session_id=`) it asks Stripe about the payment itself, so the order is paid even
 * if the webhook is late; whichever comes first fulfils it, the other finds it done.
 */
export const GET = personalRoute<{ id: string }, 'signed-in'>({ access: 'signed-in', refuse: { page: (p) => `/account/orders/${p.id}` } }, async ({ tenant, locale, page, path, viewer, search, params: { id } }) => {
  const sessionId = typeof search.session_id === 'string' && /^cs_[A-Za-z0-9_]{1,200}$/.test(search.session_id) ? search.session_id : null;
  let paidNow = false;
  if (sessionId && tenant.stripeAccountId && stripeConfigured()) {
    try {
      const session = await retrieveCheckoutSession(tenant.stripeAccountId, sessionId);
      if (session.orderId === id && session.status === 'complete') {
        paidNow = (await forTenant(tenant.id, (db) => fulfilCardPayment(db, tenant.id, session, 'customer returned from Stripe', now()))) === 'fulfilled';
      }
    } catch (error) {
      // The webhook or the reconciliation job settles it; the page shows the current state.
      console.error(`order page: checking Stripe session failed: ${(error as Error).message}`);
    }
  }
  const detail = await forTenant(tenant.id, (db) => orderDetail(db, tenant.id, id));
  // Another organisation's order, or another storefront's: as if it did not exist.
  if (!detail || !can(viewer, tenant, 'organization:read', detail.order.organizationId)) return personalNotFound(page);
  const { order, lines, events, subscriptions, invoice } = detail;
  const t = await getTranslations({ locale, namespace: 'shop' });
  const history = await getTranslations({ locale, namespace: 'orderHistory' });
  const bank = translator(locale, 'invoices.bank');
  // Paying in advance by transfer: how, at the top. (An invoice on account carries the same bank
  // details on its PDF, due later.)
  const transfer = order.paymentMethod === 'bank_transfer' && invoice?.status === 'open' && invoice.transferReference && invoice.seller.bank ? { invoice, bank: invoice.seller.bank, reference: groupsOfFour(invoice.transferReference) } : null;
  const r = await getTranslations({ locale, namespace: 'reselling' });
  const format = await getFormatter({ locale });
  const money = (n: number) => formatMoney(n, order.currency, locale);
  const text = (v: Record<string, string>) => v[locale] ?? v.en ?? '';

  return personalDocument(page, `/account/orders/${id}`, {
    title: t('orderNumber', { number: order.number }),
    body: (
      <div className="mx-auto flex w-full max-w-4xl flex-col gap-8 px-4 py-10">
        <header className="flex flex-wrap items-baseline justify-between gap-4">
          <h1 className="font-heading text-3xl font-bold" data-testid="order-number">{t('orderNumber', { number: order.number })}</h1>
          <span className="rounded-theme bg-surface px-3 py-1 font-medium" data-testid="order-state">{t(`states.${order.state}`)}</span>
        </header>
        {paidNow && <p role="status" className="rounded-theme bg-surface px-4 py-3 text-sm">{t('orderPaid')}</p>}
        <FormFeedback locale={locale} search={search} />
        <p className="text-sm text-muted">
          {t('placedOn', { date: format.dateTime(order.createdAt, { dateStyle: 'medium', timeStyle: 'short' }) })} · {order.billing.name} · {t(order.paymentMethod)}
          {order.purchaseOrder && <> · {t('purchaseOrderShown', { reference: order.purchaseOrder })}</>}
        </p>
        {transfer && (
          <section className="rounded-theme border border-primary bg-surface px-4 py-4 text-sm" data-testid="transfer-instructions">
            <h2 className="font-heading text-lg font-semibold">{t('payByTransferTitle')}</h2>
            <p className="mt-1">{t('payByTransfer', { total: money(transfer.invoice.total), date: format.dateTime(transfer.invoice.dueAt ?? transfer.invoice.issuedAt, { dateStyle: 'long', timeZone: 'UTC' }) })}</p>
            <dl className="mt-2 grid grid-cols-[auto_minmax(0,1fr)] gap-x-4 gap-y-1">
              <dt className="text-muted">{bank('accountHolder')}</dt><dd>{transfer.bank.accountHolder}</dd>
              {transfer.bank.iban && <><dt className="text-muted">IBAN</dt><dd className="break-all font-mono" data-testid="transfer-iban">{groupsOfFour(transfer.bank.iban)}</dd></>}
              {transfer.bank.bic && <><dt className="text-muted">BIC</dt><dd className="font-mono">{transfer.bank.bic}</dd></>}
              {transfer.bank.accountNumber && <><dt className="text-muted">{bank('accountNumber')}</dt><dd className="font-mono">{transfer.bank.accountNumber}</dd></>}
              {transfer.bank.bankCode && <><dt className="text-muted">{bank('bankCode')}</dt><dd className="font-mono">{transfer.bank.bankCode}</dd></>}
              {transfer.bank.bankName && <><dt className="text-muted">{bank('bank')}</dt><dd>{transfer.bank.bankName}</dd></>}
              <dt className="text-muted">{t('transferReference')}</dt><dd className="font-mono font-semibold" data-testid="transfer-reference">{transfer.reference}</dd>
              <dt className="text-muted">{t('transferAmount')}</dt><dd className="font-semibold">{money(transfer.invoice.total)}</dd>
            </dl>
            <p className="mt-2"><a className="text-primary underline" href={path(`/account/invoices/${transfer.invoice.id}/pdf`)} data-testid="transfer-invoice">{t('invoicePdf', { number: documentNumber(transfer.invoice) })}</a></p>
          </section>
        )}
        <div className="overflow-x-auto rounded-theme border border-line bg-surface">
          <table className="w-full text-left text-sm" data-testid="order-lines">
            <thead className="text-muted"><tr><th className="px-4 py-3">{t('product')}</th><th className="px-4 py-3">{t('seats')}</th><th className="px-4 py-3">{t('state')}</th><th className="px-4 py-3 text-right">{t('lineTotal')}</th></tr></thead>
            <tbody>
              {lines.map((l) => (
                <tr key={l.id} className="border-t border-line" data-testid="order-line">
                  <td className="px-4 py-3"><span className="font-medium">{text(l.productName)}</span><br /><span className="text-muted">{text(l.planName)} · {money(l.unitPrice)}</span>{l.kind !== 'new' && <><br /><span className="text-muted" data-testid="line-kind">{t(`lineKinds.${l.kind}`)}</span></>}{l.licensee && <><br /><span className="text-muted" data-testid="line-licensee">{r('licenseeOf', { name: `${l.licensee.name} (${l.licensee.country})` })}</span></>}{l.storefront && <><br /><span className="text-muted">{l.storefront.slug}.{platformDomain()}</span></>}</td>
                  <td className="px-4 py-3">{l.seats}</td>
                  <td className="px-4 py-3" data-testid="line-state">{t(`lineStates.${l.state}`)}</td>
                  <td className="px-4 py-3 text-right">{money(l.amount)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr className="border-t border-line"><td className="px-4 py-2" colSpan={3}>{t('subtotal')}</td><td className="px-4 py-2 text-right">{money(order.subtotal)}</td></tr>
              <tr><td className="px-4 py-2" colSpan={3}>{t('tax', { rate: basisPointsToPercent(order.taxBasisPoints, locale) })}{order.reverseCharge && <span className="block text-xs text-muted" data-testid="reverse-charge">{t('reverseCharge')}</span>}</td><td className="px-4 py-2 text-right">{money(order.tax)}</td></tr>
              <tr className="font-semibold"><td className="px-4 py-2" colSpan={3}>{t('total')}</td><td className="px-4 py-2 text-right" data-testid="order-total">{money(order.total)}</td></tr>
            </tfoot>
          </table>
        </div>
        {subscriptions.length > 0 && (
          <section>
            <h2 className="font-heading text-xl font-semibold">{t('subscriptions')}</h2>
            <ul className="mt-3 divide-y divide-line rounded-theme border border-line bg-surface" data-testid="subscriptions">
              {subscriptions.map((s) => {
                const line = lines.find((l) => l.id === s.orderLineId);
                return (
                  <li key={s.id} className="flex flex-wrap justify-between gap-4 px-4 py-3 text-sm" data-testid="subscription">
                    <span className="font-medium">{line ? text(line.productName) : s.planId} · {t('seatCount', { seats: s.seats })}</span>
                    <span className="text-muted">{t('period')}: {format.dateTime(s.currentPeriodStart, { dateStyle: 'medium' })} – {format.dateTime(s.currentPeriodEnd, { dateStyle: 'medium' })}</span>
                    <span className="text-muted">{t('externalId')}: {s.externalId}</span>
                  </li>
                );
              })}
            </ul>
          </section>
        )}
        <section>
          <h2 className="font-heading text-xl font-semibold">{t('history')}</h2>
          <ol className="mt-3 space-y-1 text-sm text-muted" data-testid="history">
            {events.map((e) => <li key={e.id}>{format.dateTime(e.at, { dateStyle: 'short', timeStyle: 'medium' })} · {t(`states.${e.toState}`)} · {causeText(e.cause, history)}</li>)}
          </ol>
        </section>
        <p className="flex gap-6"><a className="text-primary underline" href={path(`/account/orders/${order.id}`)}>{t('refresh')}</a><a className="text-primary underline" href={path('/account/orders')}>{t('ordersTitle')}</a></p>
      </div>
    ),
  });
});
