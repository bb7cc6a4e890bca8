import { getTranslations } from 'next-intl/server';
import { documentNumber } from '@/lib/invoices/format';
import { sectionHeading, type CustomerView } from './view';
import { MarkPaid } from '../../../../_components/mark-paid';

const day = (d: Date) => d.toISOString().slice(0, 10);

/** The customer's latest subscriptions, with a link to all of them in the portal's list. */
export async function SubscriptionsPanel({ view }: { view: CustomerView }) {
  const { subs, org, locale, path, money, text } = view;
  const t = await getTranslations({ locale, namespace: 'customersAdmin' });
  return (
    <section>
      <h2 className={sectionHeading}>{t('subscriptionsHeading')} <a className="ml-2 text-sm font-normal text-primary underline" href={`${path('/admin/subscriptions')}?customer=${org.id}`}>{t('allOf', { count: subs.total })}</a></h2>
      {subs.rows.length === 0 ? <p className="mt-2 text-muted">{t('none')}</p> : (
        <table className="mt-3 w-full text-left text-sm tabular-nums" data-testid="customer-subscriptions">
          <thead><tr className="text-muted"><th className="py-2">{t('product')}</th><th>{t('seats')}</th><th>{t('status')}</th><th>{t('renews')}</th><th className="text-right">{t('unitPrice')}</th></tr></thead>
          <tbody>
            {subs.rows.map((s) => (
              <tr key={s.id} className="border-t border-line">
                <td className="py-2"><a className="text-primary underline" href={path(`/admin/subscriptions/${s.id}`)}>{text(s.product)}</a><span className="block text-xs text-muted">{s.sku}</span></td>
                <td>{s.seats}</td><td>{s.status}</td><td>{day(s.currentPeriodEnd)}</td>
                <td className="text-right">{money(s.unitPrice, s.currency)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** The customer's latest orders, with a link to all of them. */
export async function OrdersPanel({ view }: { view: CustomerView }) {
  const { recentOrders, org, locale, path, money } = view;
  const t = await getTranslations({ locale, namespace: 'customersAdmin' });
  const admin = await getTranslations({ locale, namespace: 'admin' });
  const shop = await getTranslations({ locale, namespace: 'shop' });
  return (
    <section>
      <h2 className={sectionHeading}>{admin('orders')} <a className="ml-2 text-sm font-normal text-primary underline" href={`${path('/admin/orders')}?customer=${org.id}`}>{t('allOf', { count: recentOrders.total })}</a></h2>
      {recentOrders.rows.length === 0 ? <p className="mt-2 text-muted">{t('none')}</p> : (
        <table className="mt-3 w-full text-left text-sm tabular-nums" data-testid="customer-orders">
          <thead><tr className="text-muted"><th className="py-2">#</th><th>{t('date')}</th><th>{shop('state')}</th><th className="text-right">{admin('total')}</th></tr></thead>
          <tbody>
            {recentOrders.rows.map((o) => (
              <tr key={o.id} className="border-t border-line" data-testid="customer-order">
                <td className="py-2"><a className="text-primary underline" href={path(`/admin/orders/${o.id}`)}>{o.number}</a></td><td>{day(o.createdAt)}</td><td>{shop(`states.${o.state}`)}</td>
                <td className="text-right">{money(o.total, o.currency)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** The customer's latest invoices and credit notes; staff who manage commerce mark a bank transfer paid. */
export async function InvoicesPanel({ view }: { view: CustomerView }) {
  const { docs, locale, path, money, self } = view;
  const t = await getTranslations({ locale, namespace: 'customersAdmin' });
  const admin = await getTranslations({ locale, namespace: 'admin' });
  const inv = await getTranslations({ locale, namespace: 'invoices' });
  const c = await getTranslations({ locale, namespace: 'credit' });
  return (
    <section>
      <h2 className={sectionHeading}>{t('invoices')}</h2>
      {view.credit > 0 && <p className="mt-2 text-sm text-muted" data-testid="credit-balance">{c('balance', { amount: money(view.credit, view.org.currency) })}</p>}
      {docs.length === 0 ? <p className="mt-2 text-muted">{t('none')}</p> : (
        <table className="mt-3 w-full text-left text-sm tabular-nums" data-testid="customer-invoices">
          <thead><tr className="text-muted"><th className="py-2">{inv('number')}</th><th>{t('date')}</th><th>{t('status')}</th><th className="text-right">{admin('total')}</th><th /></tr></thead>
          <tbody>
            {docs.map((d) => (
              <tr key={d.id} className="border-t border-line" data-testid="customer-invoice">
                <td className="py-2"><a className="text-primary underline" href={path(d.kind === 'invoice' ? `/admin/invoices/${d.id}` : `/account/invoices/${d.id}/pdf`)}>{documentNumber(d)}</a></td>
                <td>{day(d.issuedAt)}</td>
                <td>{t(`documentStatus.${d.status}`)}</td>
                <td className="text-right">{money(d.total, d.currency)}</td>
                <td className="py-2 text-right">
                  {view.manage && d.status === 'open' && (
                    <MarkPaid invoiceId={d.id} returnTo={self} label={inv('markPaid')} />
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
