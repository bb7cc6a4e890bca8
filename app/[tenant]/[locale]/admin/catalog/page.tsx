import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { forTenant } from '@/lib/db';
import { can } from '@/lib/identity/access';
import { computeWaterfall } from '@/lib/pricing/engine';
import { basisPointsToPercent, formatMoney } from '@/lib/money';
import { loadPricingContext, markupResolver } from '@/lib/pricing/offer';
import { priceSheet } from '@/lib/pricing/sheet';
import { catalogProducts, listingState } from '@/lib/reselling/listing';
import { ListPager, listPage } from '../../_components/list-pager';
import { StorefrontFrame } from '../../_components/storefront-frame';
import { type StorefrontParams, portalPage } from '../../_components/page-start';
import { buttonClass, Field, FormFeedback, inputClass, quietButtonClass } from '../../_components/forms';
import { API } from '../../_components/api-routes';

export const dynamic = 'force-dynamic';

type Search = Promise<Record<string, string | string[] | undefined>>;
const PAGE_SIZE = 50;
const STATUSES = ['any', 'onSale', 'hidden', 'notSelected'] as const;

/** The distributor's catalog as the reseller buys it: its cost and sell price per plan, and what it sells. */
export default async function CatalogPage({ params, searchParams }: { params: StorefrontParams; searchParams: Search }) {
  const { tenant, locale, path, viewer } = await portalPage(params, '/admin/catalog');
  if (tenant.kind !== 'reseller') notFound();
  const search = await searchParams;
  const one = (k: string) => (Array.isArray(search[k]) ? search[k]?.[0] : search[k]) ?? '';
  const t = await getTranslations({ locale, namespace: 'catalogAdmin' });
  const p = await getTranslations({ locale, namespace: 'pricing' });
  const mayChange = can(viewer, tenant, 'commerce:manage');
  const data = await forTenant(tenant.id, async (db) => {
    const ctx = await loadPricingContext(db, tenant);
    if (ctx?.kind !== 'reseller') return null;
    return { ctx, sheet: await priceSheet(db, ctx.catalogTenantId), state: await listingState(db, tenant.id) };
  });
  if (!data) notFound();
  const { ctx, sheet, state } = data;

  const q = one('q').trim().toLowerCase().slice(0, 100);
  const cat = sheet.categories.some((c) => c.slug === one('cat')) ? one('cat') : '';
  const status = (STATUSES as readonly string[]).includes(one('status')) ? (one('status') as (typeof STATUSES)[number]) : 'any';
  const cur = tenant.currencies.includes(one('cur')) ? one('cur') : tenant.defaultCurrency;
  const statusOf = (id: string) => (state.hidden.has(id) ? 'hidden' : ctx.listing === 'selected' && !state.selected.has(id) ? 'notSelected' : 'onSale');
  const text = (v: Record<string, string>) => v[locale] ?? v.en ?? '';
  const matches = catalogProducts(sheet).filter(
    (x) => (!cat || x.categorySlug === cat) && (!q || x.text.includes(q) || text(x.name).toLowerCase().includes(q)) && (status === 'any' || statusOf(x.productId) === status),
  );
  const page = listPage(search);
  const pages = Math.max(1, Math.ceil(matches.length / PAGE_SIZE));
  const shown = matches.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
  const markup = markupResolver(ctx.rules);
  const money = (n: number) => formatMoney(n, cur, locale);
  // The product's markup link opens the simulator at the percentage it is sold at today.
  const percentNow = (productId: string, categoryId: string) => {
    const m = markup(productId, categoryId, cur);
    return m?.kind === 'percent' ? basisPointsToPercent(m.basisPoints) : '0';
  };
  const filters = new URLSearchParams(Object.entries({ q, cat, status: status === 'any' ? '' : status, cur: cur === tenant.defaultCurrency ? '' : cur }).filter(([, v]) => v));
  const returnTo = `${path('/admin/catalog')}?${new URLSearchParams([...filters, ...(page > 1 ? [['page', String(page)]] : [])])}`;
  const action = (productId: string, name: string, label: string, testId: string) => (
    <form method="post" action={API.adminCatalog}>
      <input type="hidden" name="returnTo" value={returnTo} />
      <input type="hidden" name="productId" value={productId} />
      <button type="submit" name="action" value={name} className={quietButtonClass} data-testid={testId}>{label}</button>
    </form>
  );

  return (
    <StorefrontFrame tenant={tenant} locale={locale} path="/admin/catalog">
      <div className="mx-auto flex w-full max-w-6xl flex-col gap-6 px-4 py-10">
        <p><a className="text-sm text-primary underline" href={path('/admin')}>← {tenant.name}</a></p>
        <header>
          <h1 className="font-heading text-3xl font-bold">{t('title')}</h1>
          <p className="mt-2 text-muted">{t('intro')} <a className="text-primary underline" href={path('/admin/pricing')}>{p('title')}</a></p>
        </header>
        <FormFeedback locale={locale} search={search} />
        <section className="flex flex-wrap items-center gap-3 rounded-theme border border-line bg-surface p-4" data-testid="listing-mode">
          <span>{ctx.listing === 'all' ? t('sellingAll') : t('sellingSelected', { count: state.selected.size })}</span>
          {mayChange && (
            <form method="post" action={API.adminCatalog}>
              <input type="hidden" name="returnTo" value={returnTo} />
              <input type="hidden" name="action" value="mode" />
              <button type="submit" name="listing" value={ctx.listing === 'all' ? 'selected' : 'all'} className={quietButtonClass} data-testid="switch-listing">
                {ctx.listing === 'all' ? t('switchToSelected') : t('switchToAll')}
              </button>
            </form>
          )}
        </section>
        <form method="get" action={path('/admin/catalog')} className="flex flex-wrap items-end gap-3" data-testid="catalog-filters">
          <Field label={p('search')}><input name="q" defaultValue={q} maxLength={100} className={inputClass} /></Field>
          <Field label={p('category')}>
            <select name="cat" defaultValue={cat} className={inputClass}>
              <option value="">{p('anyCategory')}</option>
              {sheet.categories.map((c) => <option key={c.id} value={c.slug}>{text(c.name)}</option>)}
            </select>
          </Field>
          <Field label={t('status')}>
            <select name="status" defaultValue={status} className={inputClass}>
              {STATUSES.map((s) => <option key={s} value={s}>{t(`statuses.${s}`)}</option>)}
            </select>
          </Field>
          <Field label={p('currency')}>
            <select name="cur" defaultValue={cur} className={inputClass}>
              {tenant.currencies.map((c) => <option key={c} value={c}>{c}</option>)}
            </select>
          </Field>
          <button type="submit" className={buttonClass}>{p('filter')}</button>
        </form>
        <p className="text-sm" data-testid="product-count">{t('count', { count: matches.length })}</p>
        <table className="w-full text-left text-sm tabular-nums" data-testid="catalog">
          <thead><tr className="text-muted"><th className="py-2">{t('product')}</th><th>{t('plans')}</th><th>{t('status')}</th><th /></tr></thead>
          <tbody>
            {shown.map((x) => {
              const s = statusOf(x.productId);
              return (
                <tr key={x.productId} className="border-t border-line align-top" data-testid="catalog-row" data-slug={x.slug} data-status={s}>
                  <td className="py-2 pr-3"><span className="font-medium">{text(x.name)}</span><span className="block text-xs text-muted">{x.vendor} · {text(sheet.categories.find((c) => c.id === x.categoryId)?.name ?? {})}</span></td>
                  <td className="py-2 pr-3">
                    <ul className="flex flex-col gap-1">
                      {x.plans.map((plan) => {
                        const wholesale = plan.wholesale[cur];
                        if (wholesale === undefined) return <li key={plan.planId} className="text-muted">{text(plan.planName)}: {t('noPrice', { currency: cur })}</li>;
                        const w = computeWaterfall({ currency: cur, wholesale, tierDiscountBasisPoints: ctx.tierDiscountBasisPoints, markup: markup(x.productId, x.categoryId, cur), rounding: ctx.rounding });
                        return <li key={plan.planId} data-testid="catalog-plan" data-sku={plan.planSku}>{text(plan.planName)}: {t('costSell', { cost: money(w.cost), sell: money(w.sell) })}</li>;
                      })}
                    </ul>
                  </td>
                  <td className="py-2 pr-3" data-testid="status">{t(`statuses.${s}`)}</td>
                  <td className="py-2">
                    {mayChange && (
                      <div className="flex flex-wrap justify-end gap-2">
                        {ctx.listing === 'selected' && (state.selected.has(x.productId) ? action(x.productId, 'deselect', t('deselect'), 'deselect') : action(x.productId, 'select', t('select'), 'select'))}
                        {state.hidden.has(x.productId) ? action(x.productId, 'show', t('show'), 'show') : action(x.productId, 'hide', t('hide'), 'hide')}
                        <a className={quietButtonClass} href={`${path('/admin/pricing')}?${new URLSearchParams({ scope: 'product', product: x.slug, kind: 'percent', percent: percentNow(x.productId, x.categoryId), rounding: ctx.rounding })}`}>{t('markup')}</a>
                      </div>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        <ListPager locale={locale} page={page} pages={pages} href={(n) => `${path('/admin/catalog')}?${new URLSearchParams([...filters, ...(n > 1 ? [['page', String(n)]] : [])])}`} />
      </div>
    </StorefrontFrame>
  );
}
