import { getTranslations } from 'next-intl/server';
import { forTenant } from '@/lib/db';
import { countryName } from '@/lib/input/countries';
import { formatMoney } from '@/lib/money';
import { listCustomers, parseCustomerFilter } from '@/lib/reporting/customers';
import { listLinks, listPage } from '../../_components/list-pager';
import { PortalList } from '../../_components/portal-list';
import { type StorefrontParams, portalPage } from '../../_components/page-start';
import { Field, inputClass } from '../../_components/forms';

export const dynamic = 'force-dynamic';

type Search = Promise<Record<string, string | string[] | undefined>>;

/** The storefront's customer organisations: search, open balance, active subscriptions, CSV. */
export default async function CustomersPage({ params, searchParams }: { params: StorefrontParams; searchParams: Search }) {
  const { tenant, locale, path } = await portalPage(params, '/admin/customers');
  const search = await searchParams;
  const { filter, problems } = parseCustomerFilter(search);
  const page = listPage(search);
  const t = await getTranslations({ locale, namespace: 'customersAdmin' });
  const list = await forTenant(tenant.id, (db) => listCustomers(db, tenant.id, filter, page));
  const { query, page: withPage } = listLinks(path('/admin/customers'), filter);

  return (
    <PortalList
      tenant={tenant}
      locale={locale}
      page="/admin/customers"
      path={path}
      testId="customer"
      title={t('title')}
      problems={problems.length ? t('badFilter', { details: problems.join('; ') }) : null}
      filterLabel={t('filter')}
      fields={
        <>
          <Field label={t('search')}><input name="q" defaultValue={filter.q ?? ''} maxLength={100} className={inputClass} /></Field>
          <Field label={t('onAccount')}>
            <select name="onAccount" defaultValue={filter.onAccount ?? ''} className={inputClass}>
              <option value="">{t('any')}</option>
              <option value="yes">{t('yes')}</option>
              <option value="no">{t('no')}</option>
            </select>
          </Field>
        </>
      }
      count={t('count', { count: list.total })}
      csv={{ query, label: t('export') }}
      table={
        <table className="w-full text-left text-sm tabular-nums" data-testid="customer-list">
          <thead><tr className="text-muted"><th className="py-2">{t('customer')}</th><th>{t('country')}</th><th>{t('onAccount')}</th><th className="text-right">{t('creditLimit')}</th><th className="text-right">{t('balance')}</th><th className="text-right">{t('subscriptions')}</th></tr></thead>
          <tbody>
            {list.rows.map((c) => (
              <tr key={c.id} className="border-t border-line" data-testid="customer-row">
                <td className="py-2"><a className="text-primary underline" href={path(`/admin/customers/${c.id}`)}>{c.name}</a><span className="block text-xs text-muted">{c.billingEmail}</span></td>
                <td title={c.country}>{countryName(c.country, locale)}</td>
                <td>{c.onAccount ? t('yes') : t('no')}</td>
                <td className="text-right">{formatMoney(c.creditLimit, c.currency, locale)}</td>
                <td className="text-right" data-testid="balance">{formatMoney(c.balance, c.currency, locale)}</td>
                <td className="text-right" data-testid="subscription-count">{c.subscriptions}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
      pager={{ page, pages: list.pages, href: withPage }}
    />
  );
}
