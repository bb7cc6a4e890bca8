import { getTranslations } from 'next-intl/server';
import { forTenant } from '@/lib/db';
import { formatMoney } from '@/lib/money';
import { listSubscriptions, parseSubscriptionFilter, SUBSCRIPTION_STATUSES, subscriptionFilterChoices } from '@/lib/reporting/subscriptions';
import { listLinks, listPage } from '../../_components/list-pager';
import { PortalList } from '../../_components/portal-list';
import { type StorefrontParams, portalPage } from '../../_components/page-start';
import { Field, inputClass } from '../../_components/forms';

export const dynamic = 'force-dynamic';

type Search = Promise<Record<string, string | string[] | undefined>>;

/** The storefront's subscriptions, next renewal first, filtered on the server, and as a CSV download. */
export default async function SubscriptionsAdminPage({ params, searchParams }: { params: StorefrontParams; searchParams: Search }) {
  const { tenant, locale, path } = await portalPage(params, '/admin/subscriptions');
  const search = await searchParams;
  const { filter, problems } = parseSubscriptionFilter(search);
  const page = listPage(search);
  const t = await getTranslations({ locale, namespace: 'subscriptionsAdmin' });
  const o = await getTranslations({ locale, namespace: 'orders' });
  const s = await getTranslations({ locale, namespace: 'subscriptions' });
  const admin = await getTranslations({ locale, namespace: 'admin' });
  const { list, choices } = await forTenant(tenant.id, async (db) => ({ list: await listSubscriptions(db, tenant.id, filter, page), choices: await subscriptionFilterChoices(db, tenant.id) }));
  const { query, page: withPage } = listLinks(path('/admin/subscriptions'), filter);
  const text = (v: Record<string, string>) => v[locale] ?? v.en ?? '';

  return (
    <PortalList
      tenant={tenant}
      locale={locale}
      page="/admin/subscriptions"
      path={path}
      testId="subscription"
      title={t('title')}
      problems={problems.length ? o('badFilter', { details: problems.join('; ') }) : null}
      filterLabel={o('filter')}
      fields={
        <>
          <Field label={s('status')}>
            <select name="status" defaultValue={filter.status ?? ''} className={inputClass}>
              <option value="">{t('allStatuses')}</option>
              {SUBSCRIPTION_STATUSES.map((v) => <option key={v} value={v}>{s(`statuses.${v}`)}</option>)}
            </select>
          </Field>
          <Field label={admin('customer')}>
            <select name="customer" defaultValue={filter.customer ?? ''} className={inputClass}>
              <option value="">{o('allCustomers')}</option>
              {choices.customers.map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
            </select>
          </Field>
          <Field label={o('product')}>
            <select name="product" defaultValue={filter.product ?? ''} className={inputClass}>
              <option value="">{o('allProducts')}</option>
              {choices.products.map((p) => <option key={p.id} value={p.id}>{text(p.name)}</option>)}
            </select>
          </Field>
          <Field label={t('renewsFrom')}><input type="date" name="renewsFrom" defaultValue={filter.renewsFrom ?? ''} className={inputClass} /></Field>
          <Field label={t('renewsTo')}><input type="date" name="renewsTo" defaultValue={filter.renewsTo ?? ''} className={inputClass} /></Field>
        </>
      }
      count={t('count', { count: list.total })}
      csv={{ query, label: o('export') }}
      table={
        <table className="w-full text-left text-sm" data-testid="subscriptions">
          <thead><tr className="text-muted"><th className="py-2">{admin('customer')}</th><th>{o('product')}</th><th className="pr-6 text-right">{s('seats')}</th><th>{s('status')}</th><th>{t('periodEnds')}</th><th className="text-right">{s('price')}</th></tr></thead>
          <tbody>
            {list.rows.map((row) => (
              <tr key={row.id} className="border-t border-line" data-testid="subscription-row">
                <td className="py-2">{row.customer}</td>
                <td><a className="text-primary underline" href={path(`/admin/subscriptions/${row.id}`)}>{text(row.product)}</a> <span className="text-muted">{row.sku}</span></td>
                <td className="pr-6 text-right">{row.seats}</td>
                <td>{s(`statuses.${row.status}`)}</td>
                <td>{row.currentPeriodEnd.toISOString().slice(0, 10)}</td>
                <td className="text-right">{formatMoney(row.unitPrice * row.seats, row.currency, locale)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
      pager={{ page, pages: list.pages, href: withPage }}
    />
  );
}
