import { getTranslations } from 'next-intl/server';
import { forTenant } from '@/lib/db';
import { formatMoney } from '@/lib/money';
import { listOrders, ORDER_STATES, orderFilterChoices, parseOrderFilter } from '@/lib/reporting/orders';
import { listLinks, listPage } from '../../_components/list-pager';
import { PortalList } from '../../_components/portal-list';
import { type StorefrontParams, portalPage } from '../../_components/page-start';
import { Field, inputClass } from '../../_components/forms';

export const dynamic = 'force-dynamic';

type Search = Promise<Record<string, string | string[] | undefined>>;

/** The storefront's orders, filtered on the server and paged, with the same filters as a CSV download. */
export default async function OrdersPage({ params, searchParams }: { params: StorefrontParams; searchParams: Search }) {
  const { tenant, locale, path } = await portalPage(params, '/admin/orders');
  const search = await searchParams;
  const { filter, problems } = parseOrderFilter(search);
  const page = listPage(search);
  const t = await getTranslations({ locale, namespace: 'orders' });
  const shop = await getTranslations({ locale, namespace: 'shop' });
  const admin = await getTranslations({ locale, namespace: 'admin' });
  const { list, choices } = await forTenant(tenant.id, async (db) => ({ list: await listOrders(db, tenant.id, filter, page), choices: await orderFilterChoices(db, tenant.id) }));
  const { query, page: withPage } = listLinks(path('/admin/orders'), filter);
  const text = (v: Record<string, string>) => v[locale] ?? v.en ?? '';

  return (
    <PortalList
      tenant={tenant}
      locale={locale}
      page="/admin/orders"
      path={path}
      testId="order"
      title={t('title')}
      problems={problems.length ? t('badFilter', { details: problems.join('; ') }) : null}
      filterLabel={t('filter')}
      fields={
        <>
          <Field label={shop('state')}>
            <select name="state" defaultValue={filter.state ?? ''} className={inputClass}>
              <option value="">{t('allStates')}</option>
              {ORDER_STATES.map((s) => <option key={s} value={s}>{shop(`states.${s}`)}</option>)}
            </select>
          </Field>
          <Field label={admin('customer')}>
            <select name="customer" defaultValue={filter.customer ?? ''} className={inputClass}>
              <option value="">{t('allCustomers')}</option>
              {choices.customers.map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
            </select>
          </Field>
          <Field label={t('product')}>
            <select name="product" defaultValue={filter.product ?? ''} className={inputClass}>
              <option value="">{t('allProducts')}</option>
              {choices.products.map((p) => <option key={p.id} value={p.id}>{text(p.name)}</option>)}
            </select>
          </Field>
          <Field label={t('from')}><input type="date" name="from" defaultValue={filter.from ?? ''} className={inputClass} /></Field>
          <Field label={t('to')}><input type="date" name="to" defaultValue={filter.to ?? ''} className={inputClass} /></Field>
        </>
      }
      count={t('count', { count: list.total })}
      csv={{ query, label: t('export') }}
      table={
        <table className="w-full text-left text-sm" data-testid="orders">
          <thead><tr className="text-muted"><th className="py-2">#</th><th>{t('date')}</th><th>{admin('customer')}</th><th>{shop('state')}</th><th>{t('payment')}</th><th className="text-right">{admin('total')}</th></tr></thead>
          <tbody>
            {list.rows.map((o) => (
              <tr key={o.id} className="border-t border-line" data-testid="order-row">
                <td className="py-2"><a className="text-primary underline" href={path(`/admin/orders/${o.id}`)}>{o.number}</a></td>
                <td>{o.createdAt.toISOString().slice(0, 10)}</td>
                <td>{o.customer}</td>
                <td>{shop(`states.${o.state}`)}</td>
                <td>{shop(o.paymentMethod)}</td>
                <td className="text-right">{formatMoney(o.total, o.currency, locale)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
      pager={{ page, pages: list.pages, href: withPage }}
    />
  );
}
