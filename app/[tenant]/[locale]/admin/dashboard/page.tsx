import { getTranslations } from 'next-intl/server';
import { now as clock } from '@/lib/clock';
import { asDistributor, forTenant, getDb } from '@/lib/db';
import { listResellers } from '@/lib/tenancy/repo';
import { formatMoney } from '@/lib/money';
import { dashboardCurrencies, loadDashboard } from '@/lib/reporting/dashboard';
import { MonthChart } from '../../_components/month-chart';
import { StorefrontFrame } from '../../_components/storefront-frame';
import { type StorefrontParams, portalPage } from '../../_components/page-start';
import { buttonClass, Field, inputClass } from '../../_components/forms';

export const dynamic = 'force-dynamic';

type Search = Promise<Record<string, string | string[] | undefined>>;

/**
 * How the business is going: revenue and margin by month, MRR, subscriptions and seats, top
 * products and customers, renewals ahead. A reseller sees its storefront; the distributor sees all
 * its resellers together, one of them, or its own storefront.
 */
export default async function DashboardPage({ params, searchParams }: { params: StorefrontParams; searchParams: Search }) {
  const { tenant, locale, path } = await portalPage(params, '/admin/dashboard');
  const search = await searchParams;
  const one = (k: string) => (Array.isArray(search[k]) ? search[k]?.[0] : search[k]) ?? '';
  const t = await getTranslations({ locale, namespace: 'dashboard' });
  const now = clock();
  const distributor = tenant.kind === 'distributor';
  const scope = distributor ? one('scope') || 'resellers' : 'own';

  const data = distributor
    ? await asDistributor(await getDb(), tenant, async (db) => {
        const resellers = await listResellers(db, tenant.id, { orderBy: 'name' });
        const chosen = scope === 'own' ? [tenant.id] : scope === 'resellers' ? resellers.map((r) => r.id) : resellers.filter((r) => r.slug === scope).map((r) => r.id);
        const currencies = await dashboardCurrencies(db, chosen);
        const currency = [...currencies, ...tenant.currencies].includes(one('cur')) ? one('cur') : (currencies[0] ?? tenant.defaultCurrency);
        return { resellers, known: chosen.length > 0, currencies: [...new Set([...currencies, ...tenant.currencies])], dashboard: await loadDashboard(db, chosen, currency, now) };
      })
    : await forTenant(tenant.id, async (db) => {
        const currency = tenant.currencies.includes(one('cur')) ? one('cur') : tenant.defaultCurrency;
        return { resellers: [], known: true, currencies: tenant.currencies, dashboard: await loadDashboard(db, [tenant.id], currency, now) };
      });
  const { dashboard: d, resellers, currencies, known } = data;
  const money = (n: number) => formatMoney(n, d.currency, locale);
  const monthLabel = (m: string) => new Intl.DateTimeFormat(locale, { month: 'short', timeZone: 'UTC' }).format(new Date(`${m}-01T00:00:00Z`));
  const text = (v: Record<string, string>) => v[locale] ?? v.en ?? '';
  const revenue = d.months.reduce((s, m) => s + m.revenue, 0);
  const margin = d.months.reduce((s, m) => s + m.margin, 0);
  const change = d.mrrStarted - d.mrrEnded;
  const card = 'rounded-theme border border-line bg-surface p-4';

  return (
    <StorefrontFrame tenant={tenant} locale={locale} path="/admin/dashboard">
      <div className="mx-auto flex w-full max-w-5xl flex-col gap-8 px-4 py-10">
        <p><a className="text-sm text-primary underline" href={path('/admin')}>← {tenant.name}</a></p>
        <header className="flex flex-wrap items-end justify-between gap-4">
          <h1 className="font-heading text-3xl font-bold">{t('title')}</h1>
          <form method="get" action={path('/admin/dashboard')} className="flex flex-wrap items-end gap-3" data-testid="dashboard-scope">
            {distributor && (
              <Field label={t('scope')}>
                <select name="scope" defaultValue={scope} className={inputClass}>
                  <option value="resellers">{t('allResellers')}</option>
                  <option value="own">{t('ownStore', { store: tenant.name })}</option>
                  {resellers.map((r) => <option key={r.id} value={r.slug}>{r.name}</option>)}
                </select>
              </Field>
            )}
            <Field label={t('currency')}>
              <select name="cur" defaultValue={d.currency} className={inputClass}>
                {currencies.map((c) => <option key={c} value={c}>{c}</option>)}
              </select>
            </Field>
            <button type="submit" className={buttonClass}>{t('show')}</button>
          </form>
        </header>
        {!known && <p role="alert" data-testid="form-error" className="rounded-theme border border-primary bg-surface px-4 py-3 text-sm">{t('unknownScope', { scope })}</p>}

        <section className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4" data-testid="figures">
          <div className={card}><p className="text-sm text-muted">{t('revenue12')}</p><p className="text-2xl font-semibold" data-testid="revenue-total">{money(revenue)}</p></div>
          <div className={card}><p className="text-sm text-muted">{t('margin12')}</p><p className="text-2xl font-semibold" data-testid="margin-total">{money(margin)}</p></div>
          <div className={card}>
            <p className="text-sm text-muted">{t('mrr')}</p><p className="text-2xl font-semibold" data-testid="mrr">{money(d.mrr)}</p>
            <p className="text-xs text-muted" data-testid="mrr-change">{t('mrrChange', { change: `${change >= 0 ? '+' : ''}${money(change)}`, started: money(d.mrrStarted), ended: money(d.mrrEnded) })}</p>
          </div>
          <div className={card}><p className="text-sm text-muted">{t('active')}</p><p className="text-2xl font-semibold" data-testid="active">{t('activeFigures', { subscriptions: d.activeSubscriptions, seats: d.activeSeats })}</p></div>
        </section>

        <section>
          <h2 className="font-heading text-xl font-semibold">{t('byMonth')}</h2>
          <p className="mt-1 flex gap-4 text-sm"><span><span className="mr-1 inline-block size-3 bg-primary align-middle" />{t('revenue')}</span><span><span className="mr-1 inline-block size-3 bg-accent align-middle" />{t('margin')}</span></p>
          <div className="mt-3"><MonthChart months={d.months} label={t('chartLabel', { currency: d.currency })} format={money} monthLabel={monthLabel} series={{ revenue: t('revenue'), margin: t('margin') }} /></div>
          <details className="mt-2 text-sm">
            <summary className="cursor-pointer text-muted">{t('asTable')}</summary>
            <table className="mt-2 w-full text-left tabular-nums" data-testid="months">
              <thead><tr className="text-muted"><th className="py-1">{t('month')}</th><th className="text-right">{t('revenue')}</th><th className="text-right">{t('margin')}</th></tr></thead>
              <tbody>{d.months.map((m) => <tr key={m.month} className="border-t border-line" data-testid="month" data-month={m.month}><td className="py-1">{m.month}</td><td className="text-right" data-testid="month-revenue">{money(m.revenue)}</td><td className="text-right" data-testid="month-margin">{money(m.margin)}</td></tr>)}</tbody>
            </table>
          </details>
        </section>

        <div className="grid gap-8 md:grid-cols-2">
          <section>
            <h2 className="font-heading text-xl font-semibold">{t('topProducts')}</h2>
            {d.topProducts.length === 0 ? <p className="mt-2 text-muted">{t('none')}</p> : (
              <ol className="mt-3 flex flex-col gap-1 text-sm" data-testid="top-products">
                {d.topProducts.map((p) => <li key={p.productId} className="flex justify-between gap-3 border-b border-line py-1"><span>{text(p.name)}</span><span className="tabular-nums">{t('perMonth', { amount: money(p.mrr) })} · {t('seats', { count: p.seats })}</span></li>)}
              </ol>
            )}
          </section>
          <section>
            <h2 className="font-heading text-xl font-semibold">{t('topCustomers')}</h2>
            {d.topCustomers.length === 0 ? <p className="mt-2 text-muted">{t('none')}</p> : (
              <ol className="mt-3 flex flex-col gap-1 text-sm" data-testid="top-customers">
                {d.topCustomers.map((c) => <li key={`${c.store}:${c.organizationId}`} className="flex justify-between gap-3 border-b border-line py-1"><span>{c.name}{distributor ? <span className="text-muted"> · {c.store}</span> : null}</span><span className="tabular-nums">{money(c.revenue)}</span></li>)}
              </ol>
            )}
          </section>
        </div>

        <section>
          <h2 className="font-heading text-xl font-semibold">{t('renewals')}</h2>
          <p className="mt-1" data-testid="renewals">{t('renewalsSummary', { count: d.renewals.count, amount: money(d.renewals.amount) })}</p>
          {d.renewals.next.length > 0 && (
            <table className="mt-3 w-full text-left text-sm tabular-nums" data-testid="next-renewals">
              <thead><tr className="text-muted"><th className="py-1">{t('date')}</th><th>{t('customer')}</th><th>{t('product')}</th><th>{t('seatsColumn')}</th><th className="text-right">{t('amount')}</th></tr></thead>
              <tbody>{d.renewals.next.map((r) => <tr key={r.subscriptionId} className="border-t border-line"><td className="py-1">{r.date.toISOString().slice(0, 10)}</td><td>{r.customer}</td><td>{text(r.product)}</td><td>{r.seats}</td><td className="text-right">{money(r.amount)}</td></tr>)}</tbody>
            </table>
          )}
        </section>
        <p className="text-sm text-muted">{t('notes')}</p>
      </div>
    </StorefrontFrame>
  );
}
