import { getTranslations } from 'next-intl/server';
import { forTenant } from '@/lib/db';
import { can } from '@/lib/identity/access';
import { documentNumber } from '@/lib/invoices/format';
import { formatMoney } from '@/lib/money';
import { customerChoices } from '@/lib/reporting/filters';
import { DOCUMENT_KINDS, DOCUMENT_STATUSES, listInvoices, parseInvoiceFilter } from '@/lib/reporting/invoices';
import { listLinks, listPage } from '../../_components/list-pager';
import { PortalList } from '../../_components/portal-list';
import { type StorefrontParams, portalPage } from '../../_components/page-start';
import { Field, FormFeedback, inputClass } from '../../_components/forms';
import { MarkPaid } from '../../_components/mark-paid';

export const dynamic = 'force-dynamic';

type Search = Promise<Record<string, string | string[] | undefined>>;

/** The storefront's invoices and credit notes: filtered, paged, marked paid, downloaded as CSV. */
export default async function InvoicesPage({ params, searchParams }: { params: StorefrontParams; searchParams: Search }) {
  const { tenant, locale, path, viewer } = await portalPage(params, '/admin/invoices');
  const search = await searchParams;
  const { filter, problems } = parseInvoiceFilter(search);
  const page = listPage(search);
  const t = await getTranslations({ locale, namespace: 'invoicesAdmin' });
  const o = await getTranslations({ locale, namespace: 'orders' });
  const c = await getTranslations({ locale, namespace: 'customersAdmin' });
  const inv = await getTranslations({ locale, namespace: 'invoices' });
  const admin = await getTranslations({ locale, namespace: 'admin' });
  const manage = can(viewer, tenant, 'commerce:manage');
  const { list, customers } = await forTenant(tenant.id, async (db) => ({ list: await listInvoices(db, tenant.id, filter, page), customers: await customerChoices(db, tenant.id) }));
  const { query, page: withPage } = listLinks(path('/admin/invoices'), filter);
  const returnTo = withPage(page);

  return (
    <PortalList
      tenant={tenant}
      locale={locale}
      page="/admin/invoices"
      path={path}
      testId="invoice"
      title={t('title')}
      feedback={<FormFeedback locale={locale} search={search} />}
      problems={problems.length ? o('badFilter', { details: problems.join('; ') }) : null}
      filterLabel={o('filter')}
      fields={
        <>
          <Field label={t('kind')}>
            <select name="kind" defaultValue={filter.kind ?? ''} className={inputClass}>
              <option value="">{c('any')}</option>
              {DOCUMENT_KINDS.map((k) => <option key={k} value={k}>{t(`kinds.${k}`)}</option>)}
            </select>
          </Field>
          <Field label={c('status')}>
            <select name="status" defaultValue={filter.status ?? ''} className={inputClass}>
              <option value="">{c('any')}</option>
              {DOCUMENT_STATUSES.map((s) => <option key={s} value={s}>{c(`documentStatus.${s}`)}</option>)}
            </select>
          </Field>
          <Field label={admin('customer')}>
            <select name="customer" defaultValue={filter.customer ?? ''} className={inputClass}>
              <option value="">{o('allCustomers')}</option>
              {customers.map((x) => <option key={x.id} value={x.id}>{x.name}</option>)}
            </select>
          </Field>
          <Field label={o('from')}><input type="date" name="from" defaultValue={filter.from ?? ''} className={inputClass} /></Field>
          <Field label={o('to')}><input type="date" name="to" defaultValue={filter.to ?? ''} className={inputClass} /></Field>
        </>
      }
      count={t('count', { count: list.total })}
      csv={{ query, label: o('export') }}
      table={
        <table className="w-full text-left text-sm tabular-nums" data-testid="invoices">
          <thead><tr className="text-muted"><th className="py-2">{inv('number')}</th><th>{c('date')}</th><th>{admin('customer')}</th><th>{c('status')}</th><th>{inv('due')}</th><th className="text-right">{admin('total')}</th><th /></tr></thead>
          <tbody>
            {list.rows.map((d) => (
              <tr key={d.id} className="border-t border-line" data-testid="invoice-row">
                <td className="py-2"><a className="text-primary underline" href={path(d.kind === 'invoice' ? `/admin/invoices/${d.id}` : `/account/invoices/${d.id}/pdf`)}>{documentNumber(d)}</a></td>
                <td>{d.issuedAt.toISOString().slice(0, 10)}</td>
                <td><a className="underline" href={path(`/admin/customers/${d.customerId}`)}>{d.customer}</a></td>
                <td>{c(`documentStatus.${d.status}`)}</td>
                <td>{d.dueAt ? d.dueAt.toISOString().slice(0, 10) : ''}</td>
                <td className="text-right">{formatMoney(d.kind === 'credit_note' ? -d.total : d.total, d.currency, locale)}</td>
                <td className="py-2 text-right">
                  {manage && d.status === 'open' && (
                    <MarkPaid invoiceId={d.id} returnTo={returnTo} label={inv('markPaid')} />
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      }
      pager={{ page, pages: list.pages, href: withPage }}
    />
  );
}
