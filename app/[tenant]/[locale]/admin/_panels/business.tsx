import { getFormatter, getTranslations } from 'next-intl/server';
import { now } from '@/lib/clock';
import { can } from '@/lib/identity/access';
import { documentNumber } from '@/lib/invoices/format';
import { formatMoney } from '@/lib/money';
import { API } from '../../_components/api-routes';
import { buttonClass, Field, inputClass, quietButtonClass } from '../../_components/forms';
import type { PortalHomeView } from './view';
import { MarkPaid } from '../../_components/mark-paid';

/** The latest orders, with links to the full lists of orders, subscriptions and invoices. */
export async function RecentOrders({ view }: { view: PortalHomeView }) {
  const { recentOrders, locale, path } = view;
  const t = await getTranslations({ locale, namespace: 'admin' });
  const shop = await getTranslations({ locale, namespace: 'shop' });
  const o = await getTranslations({ locale, namespace: 'orders' });
  const sa = await getTranslations({ locale, namespace: 'subscriptionsAdmin' });
  const inv = await getTranslations({ locale, namespace: 'invoicesAdmin' });
  const more = (href: string, label: string, testId: string) => <a className="ml-2 text-sm font-normal text-primary underline" href={path(href)} data-testid={testId}>{label}</a>;
  return (
    <section>
      <h2 className="font-heading text-xl font-semibold">{t('orders')} {more('/admin/orders', o('all'), 'all-orders')} {more('/admin/subscriptions', sa('all'), 'all-subscriptions')} {more('/admin/invoices', inv('title'), 'all-invoices')}</h2>
      {recentOrders.length === 0 ? (
        <p className="mt-2 text-muted">{t('noOrdersYet')}</p>
      ) : (
        <table className="mt-4 w-full text-left text-sm" data-testid="admin-orders">
          <thead><tr className="text-muted"><th className="py-2">#</th><th>{t('customer')}</th><th>{shop('state')}</th><th className="text-right">{t('total')}</th></tr></thead>
          <tbody>
            {recentOrders.map(({ order, customer }) => (
              <tr key={order.id} className="border-t border-line">
                <td className="py-2">{order.number}</td><td>{customer}</td><td>{shop(`states.${order.state}`)}</td>
                <td className="text-right">{formatMoney(order.total, order.currency, locale)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** Invoices waiting for a bank transfer, each to mark paid when it arrives (for those who manage commerce). */
export async function OpenInvoices({ view }: { view: PortalHomeView }) {
  const { openInvoices, tenant, viewer, locale, path, returnTo } = view;
  if (!can(viewer, tenant, 'commerce:manage')) return null;
  const t = await getTranslations({ locale });
  return (
    <section>
      <h2 className="font-heading text-xl font-semibold">{t('admin.openInvoices')}</h2>
      {openInvoices.length === 0 ? (
        <p className="mt-2 text-muted">{t('admin.noOpenInvoices')}</p>
      ) : (
        <table className="mt-4 w-full text-left text-sm" data-testid="open-invoices">
          <thead><tr className="text-muted"><th className="py-2">{t('invoices.number')}</th><th>{t('admin.customer')}</th><th>{t('invoices.due')}</th><th className="text-right">{t('admin.total')}</th><th /></tr></thead>
          <tbody>
            {openInvoices.map(({ invoice, customer }) => (
              <tr key={invoice.id} className="border-t border-line" data-testid="open-invoice">
                <td className="py-2"><a className="text-primary underline" href={path(`/account/invoices/${invoice.id}/pdf`)}>{documentNumber(invoice)}</a></td>
                <td>{customer}</td>
                <td>{invoice.dueAt ? invoice.dueAt.toISOString().slice(0, 10) : ''}</td>
                <td className="text-right">{formatMoney(invoice.total, invoice.currency, locale)}</td>
                <td className="py-2 text-right">
                  <MarkPaid invoiceId={invoice.id} returnTo={returnTo} label={t('invoices.markPaid')} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** Orders of any storefront waiting for someone to set them up by hand at the vendor, to complete or fail. */
export async function ProvisioningTasks({ view }: { view: PortalHomeView }) {
  const { tasks, locale, returnTo, text } = view;
  if (!tasks) return null;
  const t = await getTranslations({ locale, namespace: 'admin' });
  const format = await getFormatter({ locale });
  const at = now();
  return (
    <section>
      <h2 className="font-heading text-xl font-semibold">{t('tasks')}</h2>
      {tasks.length === 0 ? <p className="mt-2 text-muted">{t('noTasks')}</p> : (
        <ul className="mt-4 divide-y divide-line rounded-theme border border-line bg-surface" data-testid="tasks">
          {tasks.map(({ task, line, order, store, customer }) => (
            <li key={task.id} className="flex flex-col gap-3 px-4 py-3">
              <span>
                <strong>{store}</strong> · #{order.number} · {customer} · {line.seats} × {text(line.productName)} ({line.sku})
                {/* How long it has waited: the oldest are the ones customers are waiting on. */}
                <span className="text-muted" data-testid="task-age"> · {t('waiting', { since: format.relativeTime(task.createdAt, at) })}</span>
              </span>
              <form method="post" action={API.adminTasks} className="flex flex-wrap items-end gap-3">
                <input type="hidden" name="returnTo" value={returnTo} />
                <input type="hidden" name="tenantId" value={task.tenantId} />
                <input type="hidden" name="taskId" value={task.id} />
                <Field label={t('vendorReference')}><input name="externalId" maxLength={200} className={inputClass} data-testid="vendor-reference" /></Field>
                <Field label={t('note')}><input name="note" maxLength={500} className={inputClass} /></Field>
                <button type="submit" name="outcome" value="done" className={buttonClass}>{t('complete')}</button>
                <button type="submit" name="outcome" value="failed" className={quietButtonClass}>{t('fail')}</button>
              </form>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** The distributor's reseller storefronts at a glance (the reseller room has the rest). */
export async function ResellersTable({ view }: { view: PortalHomeView }) {
  const { resellers, tenant, locale } = view;
  if (tenant.kind !== 'distributor') return null;
  const t = await getTranslations({ locale, namespace: 'admin' });
  return (
    <section>
      <h2 className="font-heading text-xl font-semibold">{t('resellers')}</h2>
      <table className="mt-4 w-full text-left text-sm" data-testid="resellers">
        <thead><tr className="text-muted"><th className="py-2">{t('storefront')}</th><th>{t('plan')}</th><th>{t('status')}</th></tr></thead>
        <tbody>
          {resellers.map((r) => <tr key={r.slug} className="border-t border-line"><td className="py-2">{r.name}</td><td>{r.plan}</td><td>{r.status}</td></tr>)}
        </tbody>
      </table>
    </section>
  );
}
