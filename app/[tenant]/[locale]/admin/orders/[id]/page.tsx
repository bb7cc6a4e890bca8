import { notFound } from 'next/navigation';
import { getFormatter, getTranslations } from 'next-intl/server';
import { forTenant } from '@/lib/db';
import { organizationName } from '@/lib/identity/organizations';
import { documentNumber, groupsOfFour } from '@/lib/invoices/format';
import { MarkPaid } from '../../../_components/mark-paid';
import { buttonClass, FormFeedback, ReasonField } from '../../../_components/forms';
import { API } from '../../../_components/api-routes';
import { can } from '@/lib/identity/access';
import { cancelRefusal } from '@/lib/orders/cancel';
import { orderDocuments } from '@/lib/invoices/lists';
import { orderDetail } from '@/lib/orders/queries';
import { causeText } from '@/lib/orders/causes';
import { formatMoney } from '@/lib/money';
import { StorefrontFrame } from '../../../_components/storefront-frame';
import { type StorefrontParams, portalPage } from '../../../_components/page-start';

export const dynamic = 'force-dynamic';

type Params = Promise<Awaited<StorefrontParams> & { id: string }>;

/** One of the storefront's orders for its staff: lines at price and cost, documents and its whole history. */
export default async function AdminOrderPage({ params, searchParams }: { params: Params; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { id } = await params;
  const search = await searchParams;
  const { tenant, locale, path, viewer } = await portalPage(params, `/admin/orders/${id}`);
  const data = await forTenant(tenant.id, async (db) => {
    const detail = await orderDetail(db, tenant.id, id);
    if (!detail) return null;
    const [customer, docs] = await Promise.all([organizationName(db, tenant.id, detail.order.organizationId), orderDocuments(db, tenant.id, detail.order.id)]);
    return { ...detail, customer: customer ?? '', docs };
  });
  if (!data) notFound();
  const { order, lines, events, subscriptions, customer, docs, openTasks } = data;
  // Offered only when it would be carried out: nothing of the order set up, no card page open.
  const cancellable = can(viewer, tenant, 'orders:act') && !cancelRefusal(order, lines, openTasks);
  const page = path(`/admin/orders/${order.id}`);
  const t = await getTranslations({ locale, namespace: 'shop' });
  const o = await getTranslations({ locale, namespace: 'orders' });
  const c = await getTranslations({ locale, namespace: 'customersAdmin' });
  const history = await getTranslations({ locale, namespace: 'orderHistory' });
  const inv = await getTranslations({ locale, namespace: 'invoices' });
  const format = await getFormatter({ locale });
  const money = (n: number) => formatMoney(n, order.currency, locale);
  const text = (v: Record<string, string>) => v[locale] ?? v.en ?? '';

  return (
    <StorefrontFrame tenant={tenant} locale={locale} path="/admin/orders">
      <div className="mx-auto flex w-full max-w-4xl flex-col gap-6 px-4 py-10">
        <p><a className="text-sm text-primary underline" href={path('/admin/orders')}>← {o('title')}</a></p>
        <header>
          <h1 className="font-heading text-3xl font-bold">{t('orderNumber', { number: order.number })}</h1>
          <p className="mt-2 text-muted"><a className="underline" href={path(`/admin/customers/${order.organizationId}`)}>{customer}</a> · {t(`states.${order.state}`)} · {t(order.paymentMethod)} · {format.dateTime(order.createdAt, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' })} UTC</p>
        </header>
        <FormFeedback locale={locale} search={search} />
        <table className="w-full text-left text-sm tabular-nums" data-testid="order-lines">
          <thead><tr className="text-muted"><th className="py-2">{t('product')}</th><th>{t('seats')}</th><th className="text-right">{t('unitPrice')}</th><th className="text-right">{c('cost')}</th><th className="text-right">{t('lineTotal')}</th></tr></thead>
          <tbody>
            {lines.map((l) => (
              <tr key={l.id} className="border-t border-line">
                <td className="py-2">{text(l.productName)}<span className="block text-xs text-muted">{text(l.planName)} · {l.sku}</span></td>
                <td>{l.seats}</td>
                <td className="text-right">{money(l.unitPrice)}</td>
                <td className="text-right">{money(l.unitCost)}</td>
                <td className="text-right">{money(l.amount)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr className="border-t border-line"><td className="py-1" colSpan={4}>{t('subtotal')}</td><td className="text-right">{money(order.subtotal)}</td></tr>
            <tr><td className="py-1" colSpan={4}>{t('total')}</td><td className="text-right font-semibold">{money(order.total)}</td></tr>
          </tfoot>
        </table>
        {docs.length > 0 && (
          <ul className="flex flex-col gap-2 text-sm" data-testid="order-documents">
            {docs.map((d) => (
              <li key={d.id} className="flex flex-wrap items-center gap-4">
                <a className="text-primary underline" href={path(d.kind === 'invoice' ? `/admin/invoices/${d.id}` : `/account/invoices/${d.id}/pdf`)}>{documentNumber(d)} · {c(`documentStatus.${d.status}`)}</a>
                {d.transferReference && d.status === 'open' && <span className="font-mono text-muted" data-testid="transfer-reference">{groupsOfFour(d.transferReference)}</span>}
                {/* The transfer arrived: marking the invoice paid starts an order that waits for it. */}
                {d.kind === 'invoice' && d.status === 'open' && <MarkPaid invoiceId={d.id} returnTo={path(`/admin/orders/${order.id}`)} label={inv('markPaid')} />}
              </li>
            ))}
          </ul>
        )}
        {subscriptions.length > 0 && (
          <p className="flex flex-wrap gap-4 text-sm">{subscriptions.map((s) => <a key={s.id} className="text-primary underline" href={path(`/admin/subscriptions/${s.id}`)}>{o('subscription', { seats: s.seats })}</a>)}</p>
        )}
        {cancellable && (
          <section className="flex flex-col gap-3 rounded-theme border border-line bg-surface p-4" data-testid="cancel-order">
            <h2 className="font-heading text-lg font-semibold">{o('cancelTitle')}</h2>
            <p className="text-sm text-muted">{o('cancelExplained')}</p>
            <form method="post" action={API.adminOrdersCancel} className="flex flex-wrap items-end gap-3">
              <input type="hidden" name="orderId" value={order.id} />
              <input type="hidden" name="locale" value={locale} />
              <input type="hidden" name="returnTo" value={page} />
              <ReasonField label={o('cancelReason')} />
              <button type="submit" className={buttonClass} data-testid="confirm-cancel">{o('cancelConfirm')}</button>
            </form>
          </section>
        )}
        <section>
          <h2 className="font-heading text-xl font-semibold">{o('history')}</h2>
          <ol className="mt-3 space-y-1 text-sm" data-testid="order-history">
            {events.map((e) => <li key={e.id}>{format.dateTime(e.at, { dateStyle: 'short', timeStyle: 'medium', timeZone: 'UTC' })} · {t(`states.${e.toState}`)} · {causeText(e.cause, history)}</li>)}
          </ol>
        </section>
      </div>
    </StorefrontFrame>
  );
}
