import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { forTenant } from '@/lib/db';
import { can } from '@/lib/identity/access';
import { basisPointsToPercent, formatMoney, minorToDecimal } from '@/lib/money';
import { loadPricingContext, offerTierName, type MarkupRule } from '@/lib/pricing/offer';
import { priceSheet } from '@/lib/pricing/sheet';
import { changeProblems, nameBelowCost, parseSimulation, PRICING_FIELDS, readChange, resolveChange, simulate, SHOWS, SIMULATION_FILTERS, type SORTS } from '@/lib/pricing/simulator';
import { ListPager, listPage } from '../../_components/list-pager';
import { StorefrontFrame } from '../../_components/storefront-frame';
import { type StorefrontParams, portalPage } from '../../_components/page-start';
import { buttonClass, Field, FormFeedback, inputClass } from '../../_components/forms';
import { API } from '../../_components/api-routes';

export const dynamic = 'force-dynamic';

type Search = Promise<Record<string, string | string[] | undefined>>;
const PAGE_SIZE = 50;

/**
 * The reseller's markups and rounding, with the price waterfall simulator: a proposed change is
 * priced for every plan and currency it touches before anything is saved; saving publishes it.
 */
export default async function PricingPage({ params, searchParams }: { params: StorefrontParams; searchParams: Search }) {
  const { tenant, locale, path, viewer } = await portalPage(params, '/admin/pricing');
  if (tenant.kind !== 'reseller') notFound();
  const search = await searchParams;
  const { input, filter, problems } = parseSimulation(search);
  const page = listPage(search);
  const t = await getTranslations({ locale, namespace: 'pricing' });
  const mayPublish = can(viewer, tenant, 'commerce:manage');

  const data = await forTenant(tenant.id, async (db) => {
    const ctx = await loadPricingContext(db, tenant);
    if (ctx?.kind !== 'reseller') return null;
    return { ctx, tier: await offerTierName(db, tenant.id), sheet: await priceSheet(db, ctx.catalogTenantId) };
  });
  if (!data) {
    return (
      <StorefrontFrame tenant={tenant} locale={locale} path="/admin/pricing">
        <div className="mx-auto w-full max-w-4xl px-4 py-10"><h1 className="font-heading text-3xl font-bold">{t('title')}</h1><p className="mt-4">{t('noOffer')}</p></div>
      </StorefrontFrame>
    );
  }
  const { ctx, sheet, tier } = data;
  const errors = [...problems];
  let change = null;
  if (input) {
    try {
      change = resolveChange(sheet, ctx.rules, tenant.currencies, readChange(input));
    } catch (error) {
      errors.push(...changeProblems(error));
    }
  }
  const result = simulate(sheet, ctx, change, tenant.currencies, { ...filter, page, pageSize: PAGE_SIZE, locale });
  const pages = Math.max(1, Math.ceil(result.total / PAGE_SIZE));
  const text = (v: Record<string, string>) => v[locale] ?? v.en ?? '';
  const categoryName = (id: string | null) => text(sheet.categories.find((c) => c.id === id)?.name ?? {});
  const productName = (id: string | null) => text(sheet.plans.find((p) => p.productId === id)?.productName ?? {});
  const productSlug = (id: string | null) => sheet.plans.find((p) => p.productId === id)?.productSlug ?? '';
  const ruleTarget = (r: MarkupRule) => (r.scope === 'all' ? t('everything') : r.scope === 'category' ? t('categoryNamed', { name: categoryName(r.categoryId) }) : t('productNamed', { name: productName(r.productId) }));
  const ruleValue = (r: MarkupRule) => (r.kind === 'percent' ? `${basisPointsToPercent(r.basisPoints!, locale)} %` : `${r.amount! >= 0 ? '+' : ''}${formatMoney(r.amount!, r.currency!, locale)}`);
  const editLink = (r: MarkupRule) =>
    `${path('/admin/pricing')}?${new URLSearchParams({
      scope: r.scope,
      ...(r.scope === 'category' ? { category: sheet.categories.find((c) => c.id === r.categoryId)?.slug ?? '' } : {}),
      ...(r.scope === 'product' ? { product: productSlug(r.productId) } : {}),
      kind: r.kind,
      ...(r.kind === 'percent' ? { percent: basisPointsToPercent(r.basisPoints!) } : { fixedCurrency: r.currency!, amount: minorToDecimal(r.amount!, r.currency!) }),
      rounding: ctx.rounding,
    })}`;

  // Every link and form keeps the proposed change and the table's filters it does not set itself.
  const state = new URLSearchParams();
  if (input) for (const k of PRICING_FIELDS) if (input[k]) state.set(k, String(input[k]));
  for (const [k, v] of Object.entries(filter)) if (v) state.set(k, String(v));
  const link = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(state);
    for (const [k, v] of Object.entries(changes)) if (v === null) next.delete(k); else next.set(k, v);
    return `${path('/admin/pricing')}?${next}`;
  };
  const sortLink = (key: (typeof SORTS)[number]) => link({ sort: key, dir: filter.sort === key && filter.dir === 'asc' ? 'desc' : 'asc', page: null });
  const arrow = (key: (typeof SORTS)[number]) => (filter.sort === key ? (filter.dir === 'asc' ? ' ↑' : ' ↓') : '');
  const money = (amount: number, currency: string) => formatMoney(amount, currency, locale);
  const returnTo = `${path('/admin/pricing')}?${state}`;
  const hidden = (keys: readonly string[]) => keys.map((k) => state.get(k) ? <input key={k} type="hidden" name={k} value={state.get(k)!} /> : null);

  return (
    <StorefrontFrame tenant={tenant} locale={locale} path="/admin/pricing">
      <div className="mx-auto flex w-full max-w-6xl flex-col gap-6 px-4 py-10">
        <p><a className="text-sm text-primary underline" href={path('/admin')}>← {tenant.name}</a></p>
        <header>
          <h1 className="font-heading text-3xl font-bold">{t('title')}</h1>
          <p className="mt-2 text-muted" data-testid="tier">{t('tier', { tier, discount: basisPointsToPercent(ctx.tierDiscountBasisPoints, locale) })}</p>
        </header>
        <FormFeedback locale={locale} search={search} />
        {errors.length > 0 && <p role="alert" data-testid="simulation-error" className="rounded-theme border border-primary bg-surface px-4 py-3 text-sm">{t('badInput', { details: errors.join('; ') })}</p>}

        <section>
          <h2 className="font-heading text-xl font-semibold">{t('rules')}</h2>
          <table className="mt-3 w-full text-left text-sm" data-testid="rules">
            <thead><tr className="text-muted"><th className="py-2">{t('target')}</th><th>{t('markup')}</th><th /></tr></thead>
            <tbody>
              {ctx.rules.length === 0 && <tr><td colSpan={3} className="py-2 text-muted">{t('noRules')}</td></tr>}
              {ctx.rules.map((r, i) => (
                <tr key={i} className="border-t border-line" data-testid="rule">
                  <td className="py-2">{ruleTarget(r)}</td>
                  <td>{ruleValue(r)}</td>
                  <td className="text-right"><a className="text-primary underline" href={editLink(r)}>{t('edit')}</a></td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="mt-2 text-sm text-muted" data-testid="rounding">{t('roundingIs', { rule: t(`roundings.${ctx.rounding}`) })}</p>
        </section>

        <form method="get" action={path('/admin/pricing')} className="flex flex-col gap-4 rounded-theme border border-line bg-surface p-4" data-testid="change-form">
          <h2 className="font-heading text-xl font-semibold">{t('change')}</h2>
          <div className="flex flex-wrap items-end gap-3">
            <Field label={t('appliesTo')}>
              <select name="scope" defaultValue={input?.scope ?? 'all'} className={inputClass}>
                <option value="all">{t('everything')}</option>
                <option value="category">{t('aCategory')}</option>
                <option value="product">{t('aProduct')}</option>
              </select>
            </Field>
            <Field label={t('category')}>
              <select name="category" defaultValue={input?.category ?? ''} className={inputClass}>
                <option value="">—</option>
                {sheet.categories.map((c) => <option key={c.id} value={c.slug}>{text(c.name)}</option>)}
              </select>
            </Field>
            <Field label={t('productSlug')}><input name="product" defaultValue={input?.product ?? ''} maxLength={200} placeholder="eset-protect-entry" className={inputClass} /></Field>
            <Field label={t('kind')}>
              <select name="kind" defaultValue={input?.kind ?? 'percent'} className={inputClass}>
                <option value="percent">{t('kinds.percent')}</option>
                <option value="fixed">{t('kinds.fixed')}</option>
                <option value="none">{t('kinds.none')}</option>
              </select>
            </Field>
            <Field label={t('percent')}><input name="percent" defaultValue={input?.percent ?? ''} inputMode="decimal" maxLength={20} className={`${inputClass} w-24`} /></Field>
            <Field label={t('currency')}>
              <select name="fixedCurrency" defaultValue={input?.fixedCurrency ?? tenant.defaultCurrency} className={inputClass}>
                {tenant.currencies.map((c) => <option key={c} value={c}>{c}</option>)}
              </select>
            </Field>
            <Field label={t('amount')}><input name="amount" defaultValue={input?.amount ?? ''} inputMode="decimal" maxLength={20} className={`${inputClass} w-24`} /></Field>
            <Field label={t('rounding')}>
              <select name="rounding" defaultValue={input?.rounding ?? ctx.rounding} className={inputClass}>
                {(['none', '99', '95', 'whole'] as const).map((r) => <option key={r} value={r}>{t(`roundings.${r}`)}</option>)}
              </select>
            </Field>
            {hidden(SIMULATION_FILTERS)}
            <button type="submit" className={buttonClass} data-testid="simulate">{t('simulate')}</button>
          </div>
          <p className="text-sm text-muted">{t('howItWorks')}</p>
        </form>

        {change && (
          <section className="flex flex-col gap-3 rounded-theme border border-line p-4" data-testid="proposal">
            <p data-testid="summary">{t('summary', { affected: result.affected, changed: result.changed, below: result.belowCostCount })}</p>
            {result.belowCostCount > 0 && <p role="alert" className="text-sm font-medium" data-testid="below-cost">{t('belowCostWarning', { plans: nameBelowCost(result) })}</p>}
            {mayPublish ? (
              <form method="post" action={API.adminPricing}>
                <input type="hidden" name="returnTo" value={returnTo} />
                {PRICING_FIELDS.map((k) => (input?.[k] ? <input key={k} type="hidden" name={k} value={String(input[k])} /> : null))}
                <button type="submit" className={buttonClass} data-testid="publish-prices">{t('save')}</button>
              </form>
            ) : (
              <p className="text-sm text-muted">{t('adminsPublish')}</p>
            )}
          </section>
        )}

        <form method="get" action={path('/admin/pricing')} className="flex flex-wrap items-end gap-3" data-testid="simulation-filters">
          {hidden(PRICING_FIELDS)}
          {hidden(['sort', 'dir'])}
          <Field label={t('search')}><input name="q" defaultValue={filter.q ?? ''} maxLength={100} className={inputClass} /></Field>
          <Field label={t('category')}>
            <select name="cat" defaultValue={filter.cat ?? ''} className={inputClass}>
              <option value="">{t('anyCategory')}</option>
              {sheet.categories.map((c) => <option key={c.id} value={c.slug}>{text(c.name)}</option>)}
            </select>
          </Field>
          <Field label={t('currency')}>
            <select name="cur" defaultValue={filter.cur ?? ''} className={inputClass}>
              <option value="">{t('anyCurrency')}</option>
              {tenant.currencies.map((c) => <option key={c} value={c}>{c}</option>)}
            </select>
          </Field>
          <Field label={t('show')}>
            <select name="show" defaultValue={filter.show} className={inputClass}>
              {SHOWS.map((s) => <option key={s} value={s}>{t(`shows.${s}`)}</option>)}
            </select>
          </Field>
          <button type="submit" className={buttonClass}>{t('filter')}</button>
        </form>

        <p className="text-sm" data-testid="row-count">{t('rows', { count: result.total })}</p>
        <div className="overflow-x-auto">
          <table className="w-full min-w-[64rem] text-left text-sm tabular-nums" data-testid="waterfall">
            <thead>
              <tr className="text-muted">
                <th className="py-2"><a href={sortLink('name')}>{t('product')}{arrow('name')}</a></th>
                <th><a href={sortLink('sku')}>SKU{arrow('sku')}</a></th>
                <th className="text-right">{t('wholesale')}</th>
                <th className="text-right">{t('tierDiscount')}</th>
                <th className="text-right"><a href={sortLink('cost')}>{t('cost')}{arrow('cost')}</a></th>
                <th className="text-right">{t('markup')}</th>
                <th className="text-right">{t('roundingStep')}</th>
                <th className="text-right"><a href={sortLink('sell')}>{t('sell')}{arrow('sell')}</a></th>
                <th className="text-right"><a href={sortLink('margin')}>{t('margin')}{arrow('margin')}</a></th>
                <th className="text-right"><a href={sortLink('marginPct')}>{t('marginPct')}{arrow('marginPct')}</a></th>
                <th className="text-right">{t('today')}</th>
                <th className="text-right"><a href={sortLink('change')}>{t('changeColumn')}{arrow('change')}</a></th>
              </tr>
            </thead>
            <tbody>
              {result.rows.map((r) => (
                <tr key={`${r.plan.planId}:${r.currency}`} className={`border-t border-line ${r.proposed.belowCost ? 'font-semibold text-primary' : ''}`} data-testid="waterfall-row" data-sku={r.plan.planSku} data-slug={r.plan.productSlug} data-period={r.plan.billingPeriod} data-currency={r.currency} data-changed={r.change !== 0 ? 'true' : undefined} data-below-cost={r.proposed.belowCost ? 'true' : undefined}>
                  <td className="py-2">{text(r.plan.productName)}<span className="block text-xs text-muted">{text(r.plan.planName)}</span></td>
                  <td className="text-xs">{r.plan.planSku}</td>
                  <td className="text-right">{money(r.proposed.wholesale, r.currency)}</td>
                  <td className="text-right">−{money(r.proposed.tierDiscount, r.currency)}</td>
                  <td className="text-right" data-testid="cost">{money(r.proposed.cost, r.currency)}</td>
                  <td className="text-right">{r.proposed.markup >= 0 ? '+' : ''}{money(r.proposed.markup, r.currency)}</td>
                  <td className="text-right">+{money(r.proposed.rounding, r.currency)}</td>
                  <td className="text-right font-medium" data-testid="sell">{money(r.proposed.sell, r.currency)}</td>
                  <td className="text-right" data-testid="margin">{money(r.proposed.margin, r.currency)}</td>
                  <td className="text-right" data-testid="margin-pct">{r.marginBasisPoints === null ? '—' : `${basisPointsToPercent(r.marginBasisPoints, locale)} %`}</td>
                  <td className="text-right" data-testid="today">{money(r.today.sell, r.currency)}</td>
                  <td className="text-right" data-testid="change">{r.change > 0 ? '+' : ''}{r.change === 0 ? '—' : money(r.change, r.currency)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <ListPager locale={locale} page={page} pages={pages} href={(n) => link({ page: n > 1 ? String(n) : null })} />
        <p className="text-sm text-muted">{t('marginNote')}</p>
      </div>
    </StorefrontFrame>
  );
}
