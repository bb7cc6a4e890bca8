import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { forTenant } from '@/lib/db';
import { can } from '@/lib/identity/access';
import { getOrganization, listMembers } from '@/lib/identity/organizations';
import { documentNumber } from '@/lib/invoices/format';
import { recentDocuments } from '@/lib/invoices/lists';
import { openBalances } from '@/lib/payments';
import { formatMoney, minorToDecimal } from '@/lib/money';
import { listOrders } from '@/lib/reporting/orders';
import { listSubscriptions } from '@/lib/reporting/subscriptions';
import { listContractPrices } from '@/lib/reselling/contracts';
import { isUuid } from '@/lib/tenancy/repo';
import { StorefrontFrame } from '../../../_components/storefront-frame';
import { type StorefrontParams, portalPage } from '../../../_components/page-start';
import { buttonClass, Checkbox, Field, FormFeedback, inputClass, quietButtonClass } from '../../../_components/forms';
import { API } from '../../../_components/api-routes';

export const dynamic = 'force-dynamic';

type Params = Promise<Awaited<StorefrontParams> & { id: string }>;
type Search = Promise<Record<string, string | string[] | undefined>>;
const RECENT = 20;

/** One customer organisation: its people, subscriptions, orders, invoices, credit and contract prices. */
export default async function CustomerPage({ params, searchParams }: { params: Params; searchParams: Search }) {
  const { id } = await params;
  const { tenant, locale, path, viewer } = await portalPage(params, `/admin/customers/${id}`);
  const self = path(`/admin/customers/${id}`);
  // Another storefront's customer is as unknown here as one that never existed.
  if (!isUuid(id)) notFound();
  const data = await forTenant(tenant.id, async (db) => {
    const org = await getOrganization(db, tenant.id, id);
    if (!org) return null;
    const [people, subs, recentOrders, docs, owed, contracts] = await Promise.all([
      listMembers(db, tenant.id, org.id),
      listSubscriptions(db, tenant.id, { customer: org.id }, 1, RECENT),
      listOrders(db, tenant.id, { customer: org.id }, 1, RECENT),
      recentDocuments(db, tenant.id, org.id, RECENT),
      openBalances(db, tenant.id, [org.id]),
      listContractPrices(db, tenant, org.id),
    ]);
    return { org, people, subs, recentOrders, docs, balance: owed.get(org.id) ?? 0, contracts };
  });
  if (!data) notFound();
  const { org, people, subs, recentOrders, docs, balance, contracts } = data;
  const t = await getTranslations({ locale, namespace: 'customersAdmin' });
  const admin = await getTranslations({ locale, namespace: 'admin' });
  const account = await getTranslations({ locale, namespace: 'account' });
  const shop = await getTranslations({ locale, namespace: 'shop' });
  const inv = await getTranslations({ locale, namespace: 'invoices' });
  const assisted = await getTranslations({ locale, namespace: 'assisted' });
  const manage = can(viewer, tenant, 'commerce:manage');
  const money = (n: number, c: string) => formatMoney(n, c, locale);
  const text = (v: Record<string, string>) => v[locale] ?? v.en ?? '';
  const hasAdmin = people.members.some((m) => m.role === 'customer_admin') || people.pending.some((p) => p.role === 'customer_admin');
  const section = 'font-heading text-xl font-semibold';

  return (
    <StorefrontFrame tenant={tenant} locale={locale} path="/admin/customers">
      <div className="mx-auto flex w-full max-w-5xl flex-col gap-8 px-4 py-10">
        <p><a className="text-sm text-primary underline" href={path('/admin/customers')}>← {t('title')}</a></p>
        <header>
          <h1 className="font-heading text-3xl font-bold" data-testid="customer-name">{org.name}</h1>
          <p className="mt-2 text-muted">{org.country} · {org.currency} · {org.billingEmail}{org.taxId ? ` · ${org.taxId}` : ''}</p>
          <p className="mt-3"><a className={buttonClass} href={path(`/admin/customers/${org.id}/order`)} data-testid="assisted-order-link">{assisted('link')}</a></p>
          <p className="mt-3" data-testid="customer-balance">{t('balanceIs', { balance: money(balance, org.currency), limit: money(org.creditLimit, org.currency) })}</p>
        </header>
        <FormFeedback locale={locale} search={await searchParams} />

        <section>
          <h2 className={section}>{t('credit')}</h2>
          {manage ? (
            <form method="post" action={API.adminCustomers} className="mt-3 flex flex-wrap items-end gap-3" data-testid="credit-form">
              <input type="hidden" name="returnTo" value={self} />
              <input type="hidden" name="organizationId" value={org.id} />
              <Checkbox name="onAccount" defaultChecked={org.onAccount} label={admin('onAccount')} />
              <Field label={`${admin('creditLimit')} (${org.currency})`}><input name="creditLimit" defaultValue={minorToDecimal(org.creditLimit, org.currency)} className={inputClass} /></Field>
              <button type="submit" className={buttonClass}>{admin('save')}</button>
            </form>
          ) : (
            <p className="mt-2">{org.onAccount ? t('onAccountUpTo', { limit: money(org.creditLimit, org.currency) }) : t('cardOnly')}</p>
          )}
        </section>

        <section>
          <h2 className={section}>{t('people')}</h2>
          <ul className="mt-3 divide-y divide-line rounded-theme border border-line bg-surface" data-testid="people">
            {people.members.map((m) => <li key={m.id} className="px-4 py-2">{m.name ? `${m.name} · ` : ''}{m.email} <span className="ml-2 text-sm text-muted">{account(`roles.${m.role}`)}</span></li>)}
            {people.pending.map((p) => <li key={p.id} className="px-4 py-2 text-muted">{p.email} · {account(`roles.${p.role}`)} · {account('pending')}</li>)}
            {people.members.length + people.pending.length === 0 && <li className="px-4 py-2 text-muted">{t('nobody')}</li>}
          </ul>
          {manage && (
            <form method="post" action={API.adminCustomersInvite} className="mt-3 flex flex-wrap items-end gap-3" data-testid="invite-customer">
              <input type="hidden" name="returnTo" value={self} />
              <input type="hidden" name="organizationId" value={org.id} />
              <Field label={account('inviteEmail')}><input type="email" name="email" required maxLength={200} className={inputClass} /></Field>
              <Field label={account('inviteRole')}>
                <select name="role" defaultValue={hasAdmin ? 'customer_member' : 'customer_admin'} className={inputClass}>
                  <option value="customer_admin">{account('roles.customer_admin')}</option>
                  <option value="customer_member">{account('roles.customer_member')}</option>
                </select>
              </Field>
              <button type="submit" className={buttonClass}>{hasAdmin ? t('invite') : t('inviteFirstAdmin')}</button>
            </form>
          )}
        </section>

        <section>
          <h2 className={section}>{t('subscriptionsHeading')} <a className="ml-2 text-sm font-normal text-primary underline" href={`${path('/admin/subscriptions')}?customer=${org.id}`}>{t('allOf', { count: subs.total })}</a></h2>
          {subs.rows.length === 0 ? <p className="mt-2 text-muted">{t('none')}</p> : (
            <table className="mt-3 w-full text-left text-sm tabular-nums" data-testid="customer-subscriptions">
              <thead><tr className="text-muted"><th className="py-2">{t('product')}</th><th>{t('seats')}</th><th>{t('status')}</th><th>{t('renews')}</th><th className="text-right">{t('unitPrice')}</th></tr></thead>
              <tbody>
                {subs.rows.map((s) => (
                  <tr key={s.id} className="border-t border-line">
                    <td className="py-2"><a className="text-primary underline" href={path(`/admin/subscriptions/${s.id}`)}>{text(s.product)}</a><span className="block text-xs text-muted">{s.sku}</span></td>
                    <td>{s.seats}</td><td>{s.status}</td><td>{s.currentPeriodEnd.toISOString().slice(0, 10)}</td>
                    <td className="text-right">{money(s.unitPrice, s.currency)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>

        <section>
          <h2 className={section}>{admin('orders')} <a className="ml-2 text-sm font-normal text-primary underline" href={`${path('/admin/orders')}?customer=${org.id}`}>{t('allOf', { count: recentOrders.total })}</a></h2>
          {recentOrders.rows.length === 0 ? <p className="mt-2 text-muted">{t('none')}</p> : (
            <table className="mt-3 w-full text-left text-sm tabular-nums" data-testid="customer-orders">
              <thead><tr className="text-muted"><th className="py-2">#</th><th>{t('date')}</th><th>{shop('state')}</th><th className="text-right">{admin('total')}</th></tr></thead>
              <tbody>
                {recentOrders.rows.map((o) => (
                  <tr key={o.id} className="border-t border-line" data-testid="customer-order">
                    <td className="py-2"><a className="text-primary underline" href={path(`/admin/orders/${o.id}`)}>{o.number}</a></td><td>{o.createdAt.toISOString().slice(0, 10)}</td><td>{shop(`states.${o.state}`)}</td>
                    <td className="text-right">{money(o.total, o.currency)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>

        <section>
          <h2 className={section}>{t('invoices')}</h2>
          {docs.length === 0 ? <p className="mt-2 text-muted">{t('none')}</p> : (
            <table className="mt-3 w-full text-left text-sm tabular-nums" data-testid="customer-invoices">
              <thead><tr className="text-muted"><th className="py-2">{inv('number')}</th><th>{t('date')}</th><th>{t('status')}</th><th className="text-right">{admin('total')}</th><th /></tr></thead>
              <tbody>
                {docs.map((d) => (
                  <tr key={d.id} className="border-t border-line" data-testid="customer-invoice">
                    <td className="py-2"><a className="text-primary underline" href={path(`/account/invoices/${d.id}/pdf`)}>{documentNumber(d)}</a></td>
                    <td>{d.issuedAt.toISOString().slice(0, 10)}</td>
                    <td>{t(`documentStatus.${d.status}`)}</td>
                    <td className="text-right">{money(d.total, d.currency)}</td>
                    <td className="py-2 text-right">
                      {manage && d.status === 'open' && (
                        <form method="post" action={API.adminInvoicesPaid}>
                          <input type="hidden" name="returnTo" value={self} />
                          <input type="hidden" name="invoiceId" value={d.id} />
                          <button type="submit" className={quietButtonClass}>{inv('markPaid')}</button>
                        </form>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>

        <section>
          <h2 className={section}>{t('contractPrices')}</h2>
          <p className="mt-1 text-sm text-muted">{t('contractIntro')}</p>
          {contracts.length > 0 && (
            <table className="mt-3 w-full text-left text-sm tabular-nums" data-testid="contract-prices">
              <thead><tr className="text-muted"><th className="py-2">{t('product')}</th><th className="text-right">{t('contract')}</th><th className="text-right">{t('listPrice')}</th><th className="text-right">{t('cost')}</th><th /></tr></thead>
              <tbody>
                {contracts.map((c) => (
                  <tr key={`${c.planId}:${c.currency}`} className="border-t border-line" data-testid="contract-price" data-sku={c.sku}>
                    <td className="py-2">{text(c.product)}, {text(c.plan)}<span className="block text-xs text-muted">{c.sku}</span></td>
                    <td className="text-right">{money(c.amount, c.currency)}</td>
                    <td className="text-right">{c.list === null ? '—' : money(c.list, c.currency)}</td>
                    <td className="text-right">{c.cost === null ? '—' : money(c.cost, c.currency)}</td>
                    <td className="py-2 text-right">
                      {manage && (
                        <form method="post" action={API.adminCustomersContractPrices}>
                          <input type="hidden" name="returnTo" value={self} />
                          <input type="hidden" name="organizationId" value={org.id} />
                          <input type="hidden" name="planSku" value={c.sku} />
                          <input type="hidden" name="currency" value={c.currency} />
                          <input type="hidden" name="amount" value="" />
                          <button type="submit" className={quietButtonClass}>{account('remove')}</button>
                        </form>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {manage && (
            <form method="post" action={API.adminCustomersContractPrices} className="mt-3 flex flex-wrap items-end gap-3" data-testid="contract-form">
              <input type="hidden" name="returnTo" value={self} />
              <input type="hidden" name="organizationId" value={org.id} />
              <Field label={t('planSku')}><input name="planSku" required maxLength={80} placeholder="MS-M365-BASIC-M" className={inputClass} /></Field>
              <Field label={t('currency')}>
                <select name="currency" defaultValue={org.currency} className={inputClass}>
                  {tenant.currencies.map((c) => <option key={c} value={c}>{c}</option>)}
                </select>
              </Field>
              <Field label={t('amount')}><input name="amount" required inputMode="decimal" maxLength={20} className={inputClass} /></Field>
              <button type="submit" className={buttonClass}>{t('setContract')}</button>
            </form>
          )}
        </section>
      </div>
    </StorefrontFrame>
  );
}
