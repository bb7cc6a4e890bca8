import { getTranslations } from 'next-intl/server';
import { asDistributor, forTenant, getDb } from '@/lib/db';
import { listResellers } from '@/lib/tenancy/repo';
import { openProvisioningTasks, storefrontOrders } from '@/lib/orders/queries';
import { documentNumber } from '@/lib/invoices/format';
import { storefrontOpenInvoices } from '@/lib/subscriptions/queries';
import { formatMoney } from '@/lib/money';
import { can, staffRoles } from '@/lib/identity/access';
import { listMembers } from '@/lib/identity/organizations';
import { platformDomain, publicOrigin } from '@/lib/config/platform';
import { nextPlan } from '@/lib/reselling/plans';
import { StorefrontFrame } from '../_components/storefront-frame';
import { portalPage, type StorefrontParams } from '../_components/page-start';
import { buttonClass, Field, FormFeedback, inputClass, quietButtonClass } from '../_components/forms';
import { API } from '../_components/api-routes';

export const dynamic = 'force-dynamic';

type Search = Promise<Record<string, string | string[] | undefined>>;

/** The reseller portal, or on the root host the distributor console: its landing page for now. */
export default async function AdminPage({ params, searchParams }: { params: StorefrontParams; searchParams: Search }) {
  const { tenant, locale, path, viewer } = await portalPage(params, '/admin');
  const t = await getTranslations({ locale });
  const manage = can(viewer, tenant, 'staff:manage');
  const commerce = can(viewer, tenant, 'commerce:manage');
  const { members, pending, resellers, recentOrders, openInvoices } = await forTenant(tenant.id, async (db) => ({
    ...(await listMembers(db, tenant.id, null)),
    recentOrders: await storefrontOrders(db, tenant.id, 50),
    openInvoices: commerce ? await storefrontOpenInvoices(db, tenant.id) : [],
    resellers:
      tenant.kind === 'distributor'
        ? await listResellers(db, tenant.id, { orderBy: 'slug', limit: 50 })
        : [],
  }));
  const tasks = can(viewer, tenant, 'tasks:resolve') ? await asDistributor(await getDb(), tenant, (db) => openProvisioningTasks(db)) : [];
  const returnTo = path('/admin');
  const text = (v: Record<string, string>) => v[locale] ?? v.en ?? '';
  const shop = await getTranslations({ locale, namespace: 'shop' });
  const r = await getTranslations({ locale, namespace: 'reselling' });
  const o = await getTranslations({ locale, namespace: 'orders' });
  const sa = await getTranslations({ locale, namespace: 'subscriptionsAdmin' });
  const c = await getTranslations({ locale, namespace: 'customersAdmin' });
  const inv = await getTranslations({ locale, namespace: 'invoicesAdmin' });
  const next = nextPlan(tenant.plan);
  const distributorOrigin = publicOrigin(platformDomain());

  return (
    <StorefrontFrame tenant={tenant} locale={locale} path="/admin">
      <div className="mx-auto flex w-full max-w-4xl flex-col gap-10 px-4 py-10">
        <header>
          <h1 className="font-heading text-3xl font-bold">{t('admin.title')}</h1>
          <p className="mt-2 text-muted" data-testid="portal-intro">
            {tenant.kind === 'distributor' ? t('admin.distributorIntro', { store: tenant.name }) : t('admin.resellerIntro', { store: tenant.name })}
          </p>
        </header>
        <FormFeedback locale={locale} search={await searchParams} />
        {tenant.kind === 'reseller' ? (
          <section data-testid="your-plan">
            <h2 className="font-heading text-xl font-semibold">{r('yourPlan')}</h2>
            <p className="mt-2">{r('planIs', { store: tenant.name, plan: r(`plans.${tenant.plan}`) })}</p>
            {next && (
              <p className="mt-1 text-muted">
                {r('nextUnlocks', { plan: r(`plans.${next.plan}`), features: next.unlocks.map((f) => r(`features.${f}`)).join(', ') })}{' '}
                <a className="text-primary underline" href={`${distributorOrigin}/account/subscriptions`}>{r('upgradeAt')}</a>
              </p>
            )}
            <p className="mt-2 flex flex-wrap gap-4"><a className="text-primary underline" href={path('/admin/dashboard')} data-testid="dashboard-link">{r('dashboard')}</a><a className="text-primary underline" href={path('/admin/catalog')} data-testid="catalog-link">{r('catalog')}</a><a className="text-primary underline" href={path('/admin/pricing')} data-testid="pricing-link">{r('pricing')}</a><a className="text-primary underline" href={path('/admin/design')} data-testid="design-link">{r('design')}</a><a className="text-primary underline" href={path('/admin/pages')}>{r('contentPages')}</a><a className="text-primary underline" href={path('/admin/api-keys')}>{r('apiKeys')}</a><a className="text-primary underline" href={path('/admin/domains')}>{r('customDomains')}</a></p>
          </section>
        ) : (
          can(viewer, tenant, 'resellers:manage') && <p className="flex gap-4"><a className="text-primary underline" href={path('/admin/dashboard')} data-testid="dashboard-link">{r('dashboard')}</a><a className="text-primary underline" href={path('/admin/resellers')} data-testid="manage-resellers">{r('manage')}</a><a className="text-primary underline" href={path('/admin/design')} data-testid="design-link">{r('design')}</a><a className="text-primary underline" href={path('/admin/pages')}>{r('contentPages')}</a></p>
        )}
        <section>
          <h2 className="font-heading text-xl font-semibold">{t('admin.staff')}</h2>
          <ul className="mt-4 divide-y divide-line rounded-theme border border-line bg-surface" data-testid="staff">
            {members.map((m) => (
              <li key={m.id} className="flex items-center justify-between gap-4 px-4 py-3">
                <span>{m.email} <span className="ml-2 text-sm text-muted">{t(`account.roles.${m.role}`)}</span></span>
                {(manage || m.userId === viewer.userId) && (
                  <form method="post" action={API.adminStaffRemove}>
                    <input type="hidden" name="returnTo" value={returnTo} />
                    <input type="hidden" name="membershipId" value={m.id} />
                    <button type="submit" className={quietButtonClass}>{t('account.remove')}</button>
                  </form>
                )}
              </li>
            ))}
            {pending.map((p) => <li key={p.id} className="px-4 py-3 text-muted">{p.email} · {t('account.pending')}</li>)}
          </ul>
          {manage && (
            <form method="post" action={API.adminStaffInvite} className="mt-4 flex flex-wrap items-end gap-3">
              <input type="hidden" name="returnTo" value={returnTo} />
              <Field label={t('account.inviteEmail')}><input type="email" name="email" required className={inputClass} /></Field>
              <Field label={t('account.inviteRole')}>
                <select name="role" className={inputClass}>
                  {staffRoles(tenant).map((r) => <option key={r} value={r}>{t(`account.roles.${r}`)}</option>)}
                </select>
              </Field>
              <button type="submit" className={buttonClass}>{t('admin.inviteStaff')}</button>
            </form>
          )}
        </section>
        <section>
          <h2 className="font-heading text-xl font-semibold">{t('admin.orders')} <a className="ml-2 text-sm font-normal text-primary underline" href={path('/admin/orders')} data-testid="all-orders">{o('all')}</a> <a className="ml-2 text-sm font-normal text-primary underline" href={path('/admin/subscriptions')} data-testid="all-subscriptions">{sa('all')}</a> <a className="ml-2 text-sm font-normal text-primary underline" href={path('/admin/invoices')} data-testid="all-invoices">{inv('title')}</a></h2>
          {recentOrders.length === 0 ? (
            <p className="mt-2 text-muted">{t('admin.noOrdersYet')}</p>
          ) : (
            <table className="mt-4 w-full text-left text-sm" data-testid="admin-orders">
              <thead><tr className="text-muted"><th className="py-2">#</th><th>{t('admin.customer')}</th><th>{shop('state')}</th><th className="text-right">{t('admin.total')}</th></tr></thead>
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
        {commerce && (
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
                        <form method="post" action={API.adminInvoicesPaid}>
                          <input type="hidden" name="returnTo" value={returnTo} />
                          <input type="hidden" name="invoiceId" value={invoice.id} />
                          <button type="submit" className={quietButtonClass}>{t('invoices.markPaid')}</button>
                        </form>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
        )}
        {can(viewer, tenant, 'tasks:resolve') ? (
          <section>
            <h2 className="font-heading text-xl font-semibold">{t('admin.tasks')}</h2>
            {tasks.length === 0 ? <p className="mt-2 text-muted">{t('admin.noTasks')}</p> : (
              <ul className="mt-4 divide-y divide-line rounded-theme border border-line bg-surface" data-testid="tasks">
                {tasks.map(({ task, line, order, store, customer }) => (
                  <li key={task.id} className="flex flex-col gap-3 px-4 py-3">
                    <span><strong>{store}</strong> · #{order.number} · {customer} · {line.seats} × {text(line.productName)} ({line.sku})</span>
                    <form method="post" action={API.adminTasks} className="flex flex-wrap items-end gap-3">
                      <input type="hidden" name="returnTo" value={returnTo} />
                      <input type="hidden" name="tenantId" value={task.tenantId} />
                      <input type="hidden" name="taskId" value={task.id} />
                      <Field label={shop('externalId')}><input name="externalId" maxLength={200} className={inputClass} /></Field>
                      <Field label={t('admin.note')}><input name="note" maxLength={500} className={inputClass} /></Field>
                      <button type="submit" name="outcome" value="done" className={buttonClass}>{t('admin.complete')}</button>
                      <button type="submit" name="outcome" value="failed" className={quietButtonClass}>{t('admin.fail')}</button>
                    </form>
                  </li>
                ))}
              </ul>
            )}
          </section>
        ) : null}
        <section>
          <h2 className="font-heading text-xl font-semibold">{t('admin.customers')}</h2>
          <p className="mt-2 flex flex-wrap gap-4">
            <a className="text-primary underline" href={path('/admin/customers')} data-testid="customers-link">{c('title')}</a>
            {commerce && <a className="text-primary underline" href={path('/admin/settings')} data-testid="settings-link">{r('settings')}</a>}
          </p>
        </section>
        {tenant.kind === 'distributor' && (
          <section>
            <h2 className="font-heading text-xl font-semibold">{t('admin.resellers')}</h2>
            <table className="mt-4 w-full text-left text-sm" data-testid="resellers">
              <thead><tr className="text-muted"><th className="py-2">{t('admin.storefront')}</th><th>{t('admin.plan')}</th><th>{t('admin.status')}</th></tr></thead>
              <tbody>
                {resellers.map((r) => <tr key={r.slug} className="border-t border-line"><td className="py-2">{r.name}</td><td>{r.plan}</td><td>{r.status}</td></tr>)}
              </tbody>
            </table>
          </section>
        )}
        <p><a className="text-primary underline" href={path('/account')}>{t('account.title')}</a></p>
      </div>
    </StorefrontFrame>
  );
}
