import { getFormatter, getTranslations } from 'next-intl/server';
import { now as clock } from '@/lib/clock';
import { can } from '@/lib/identity/access';
import { cardPaymentAvailable } from '@/lib/invoices/pay';
import { settleInvoiceCardPayment } from '@/lib/orders/payment-events';
import { retrieveCheckoutSession } from '@/lib/payments/stripe';
import { forTenant } from '@/lib/db';
import { creditBalances } from '@/lib/invoices/credit';
import { documentNumber } from '@/lib/invoices/format';
import { formatMoney } from '@/lib/money';
import { organizationDocuments } from '@/lib/subscriptions/queries';
import { FormFeedback, quietButtonClass } from '../../_components/forms';
import { personalDocument } from '../../_components/document';
import { personalRoute } from '../../_components/personal';
import { API } from '../../_components/api-routes';

export const dynamic = 'force-dynamic';

/** The invoices and credit notes of the organisations the signed-in person belongs to. */
export const GET = personalRoute({ access: 'signed-in', refuse: { page: '/account/invoices' } }, async ({ tenant, locale, page, path, viewer, search }) => {
  // Back from Stripe's page: ask Stripe about the payment, so the invoice is paid even if the
  // webhook is late (whichever comes first settles it; the other finds it paid).
  const sessionId = typeof search.session_id === 'string' && /^cs_[A-Za-z0-9_]{1,200}$/.test(search.session_id) ? search.session_id : null;
  let paidNow = false;
  if (sessionId && cardPaymentAvailable(tenant)) {
    try {
      const session = await retrieveCheckoutSession(tenant.stripeAccountId!, sessionId);
      if (session.invoiceId && session.status === 'complete') {
        paidNow = (await forTenant(tenant.id, (db) => settleInvoiceCardPayment(db, tenant.id, session, clock()))) === 'fulfilled';
      }
    } catch (error) {
      console.error(`invoices page: checking Stripe session failed: ${(error as Error).message}`);
    }
  }
  const orgIds = viewer.memberships.flatMap((m) => (m.organizationId ? [m.organizationId] : []));
  const { list, balances } = await forTenant(tenant.id, async (db) => ({ list: await organizationDocuments(db, tenant.id, orgIds), balances: await creditBalances(db, tenant.id, orgIds) }));
  const orgName = (id: string) => viewer.memberships.find((m) => m.organizationId === id)?.organizationName ?? '';
  const payable = (organizationId: string) => cardPaymentAvailable(tenant) && can(viewer, tenant, 'organization:manage', organizationId);
  const t = await getTranslations({ locale, namespace: 'invoices' });
  const format = await getFormatter({ locale });
  const date = (d: Date) => format.dateTime(d, { dateStyle: 'medium', timeZone: 'UTC' });
  return personalDocument(page, '/account/invoices', {
    title: t('title'),
    body: (
      <div className="mx-auto flex w-full max-w-4xl flex-col gap-6 px-4 py-10">
        <h1 className="font-heading text-3xl font-bold">{t('title')}</h1>
        {paidNow && <p role="status" data-testid="form-notice" className="rounded-theme bg-surface px-4 py-3 text-sm">{t('paidNotice')}</p>}
        <FormFeedback locale={locale} search={search} />
        {balances.map((b) => (
          <p key={`${b.organizationId}:${b.currency}`} className="rounded-theme bg-surface px-4 py-3 text-sm" data-testid="credit-balance">
            {t('creditBalance', { organization: orgName(b.organizationId), amount: formatMoney(b.balance, b.currency, locale) })}
          </p>
        ))}
        {list.length === 0 ? (
          <p className="text-muted">{t('none')}</p>
        ) : (
          <div className="overflow-x-auto rounded-theme border border-line bg-surface">
            <table className="w-full text-left text-sm" data-testid="invoices">
              <thead className="text-muted">
                <tr>
                  <th className="px-4 py-3">{t('number')}</th>
                  <th className="px-4 py-3">{t('issued')}</th>
                  <th className="px-4 py-3">{t('statuses.open')} / {t('statuses.paid')}</th>
                  <th className="px-4 py-3 text-right">{t('total')}</th>
                  <th className="px-4 py-3" />
                </tr>
              </thead>
              <tbody>
                {list.map((d) => (
                  <tr key={d.id} className="border-t border-line" data-testid="invoice-row">
                    <td className="px-4 py-3 font-medium">{t(`kinds.${d.kind}`)} {documentNumber(d)}</td>
                    <td className="px-4 py-3">{date(d.issuedAt)}</td>
                    <td className="px-4 py-3" data-testid="invoice-status">
                      {t(`statuses.${d.status}`)}
                      {d.status === 'open' && d.dueAt ? <span className="text-muted"> · {t('dueOn', { date: date(d.dueAt) })}</span> : null}
                    </td>
                    <td className="px-4 py-3 text-right" data-testid="invoice-total">
                      {d.kind === 'credit_note' ? '−' : ''}{formatMoney(d.total, d.currency, locale)}
                      {d.status === 'open' && d.creditApplied > 0 ? <span className="block text-xs text-muted" data-testid="invoice-due">{t('amountDue', { amount: formatMoney(d.total - d.creditApplied, d.currency, locale) })}</span> : null}
                    </td>
                    <td className="px-4 py-3 text-right">
                      <span className="flex items-center justify-end gap-3">
                        {d.kind === 'invoice' && d.status === 'open' && payable(d.organizationId) && (
                          <form method="post" action={API.accountInvoicesPay}>
                            <input type="hidden" name="invoiceId" value={d.id} />
                            <input type="hidden" name="locale" value={locale} />
                            <input type="hidden" name="returnTo" value={path('/account/invoices')} />
                            <button type="submit" className={quietButtonClass} data-testid="pay-invoice">{t('payByCard')}</button>
                          </form>
                        )}
                        <a className="text-primary underline" href={path(`/account/invoices/${d.id}/pdf`)} data-testid="invoice-pdf">{t('download')}</a>
                      </span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <p><a className="text-primary underline" href={path('/account/subscriptions')}>{(await getTranslations({ locale, namespace: 'subscriptions' }))('title')} →</a></p>
      </div>
    ),
  });
});
