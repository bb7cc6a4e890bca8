import { getTranslations } from 'next-intl/server';
import { forTenant } from '@/lib/db';
import { countryName } from '@/lib/input/countries';
import { formatMoney, minorToDecimal } from '@/lib/money';
import { listCustomers, parseCustomerFilter } from '@/lib/reporting/customers';
import { listLinks, listPage } from '../../_components/list-pager';
import { PortalList } from '../../_components/portal-list';
import { type StorefrontParams, portalPage } from '../../_components/page-start';
import { buttonClass, Field, FormFeedback, inputClass, quietButtonClass } from '../../_components/forms';
import { API } from '../../_components/api-routes';
import { openCreditRequests } from '@/lib/orders/credit-requests';

export const dynamic = 'force-dynamic';

type Search = Promise<Record<string, string | string[] | undefined>>;

/** The storefront's customer organisations: search, open balance, active subscriptions, CSV. */
export default async function CustomersPage({ params, searchParams }: { params: StorefrontParams; searchParams: Search }) {
  const { tenant, locale, path } = await portalPage(params, '/admin/customers');
  const search = await searchParams;
  const { filter, problems } = parseCustomerFilter(search);
  const page = listPage(search);
  const t = await getTranslations({ locale, namespace: 'customersAdmin' });
  const [list, requests] = await forTenant(tenant.id, (db) => Promise.all([listCustomers(db, tenant.id, filter, page), openCreditRequests(db, tenant.id)]));
  const returnTo = path('/admin/customers');
  const date = (d: Date) => new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(d);
  const { query, page: withPage } = listLinks(path('/admin/customers'), filter);

  return (
    <PortalList
      tenant={tenant}
      locale={locale}
      page="/admin/customers"
      path={path}
      testId="customer"
      title={t('title')}
      feedback={
        <>
          <FormFeedback locale={locale} search={search} />
          {requests.length > 0 && (
            <section id="credit-requests" className="flex flex-col gap-3" data-testid="credit-requests">
              <h2 className="font-heading text-xl font-semibold">{t('creditRequests')}</h2>
              <ul className="flex flex-col gap-3">
                {requests.map(({ request: r, customer, currency }) => (
                  <li key={r.id} className="rounded-theme border border-line bg-surface p-4 text-sm" data-testid="credit-request">
                    <p><a className="font-medium text-primary underline" href={path(`/admin/customers/${r.organizationId}`)}>{customer}</a> · <span className="text-muted">{t('requestedBy', { who: r.requestedBy, date: date(r.requestedAt) })}</span></p>
                    {r.amount !== null && <p>{t('expectedSpend', { amount: formatMoney(r.amount, currency, locale) })}</p>}
                    {r.note && <p className="italic">“{r.note}”</p>}
                    <div className="mt-3 flex flex-wrap items-end gap-4">
                      <form method="post" action={API.adminCustomersCreditRequests} className="flex flex-wrap items-end gap-2">
                        <input type="hidden" name="returnTo" value={returnTo} />
                        <input type="hidden" name="requestId" value={r.id} />
                        <input type="hidden" name="decision" value="grant" />
                        <Field label={t('grantLimit', { currency })}>
                          <input name="creditLimit" required inputMode="decimal" maxLength={20} defaultValue={r.amount !== null ? minorToDecimal(r.amount, currency) : tenant.defaultCurrency === currency && tenant.defaultCreditLimit > 0 ? minorToDecimal(tenant.defaultCreditLimit, currency) : ''} className={`${inputClass} w-32`} />
                        </Field>
                        <button type="submit" className={buttonClass} data-testid="grant-credit">{t('grant')}</button>
                      </form>
                      <form method="post" action={API.adminCustomersCreditRequests} className="flex flex-wrap items-end gap-2">
                        <input type="hidden" name="returnTo" value={returnTo} />
                        <input type="hidden" name="requestId" value={r.id} />
                        <input type="hidden" name="decision" value="decline" />
                        <Field label={t('declineReason')}><input name="reason" maxLength={500} className={inputClass} /></Field>
                        <button type="submit" className={quietButtonClass} data-testid="decline-credit">{t('decline')}</button>
                      </form>
                    </div>
                  </li>
                ))}
              </ul>
            </section>
          )}
        </>
      }
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
