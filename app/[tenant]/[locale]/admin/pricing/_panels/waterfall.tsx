import { getTranslations } from 'next-intl/server';
import { basisPointsToPercent } from '@/lib/money';
import { PRICING_FIELDS, SHOWS, type SORTS } from '@/lib/pricing/simulator';
import { buttonClass, Field, inputClass } from '../../../_components/forms';
import { ListPager } from '../../../_components/list-pager';
import { KeptFields, type PricingView } from './view';

/** Which rows of the table to show: a search, a category, a currency, affected or all. */
export async function WaterfallFilters({ view }: { view: PricingView }) {
  const { filter, sheet, tenant, locale, path, text } = view;
  const t = await getTranslations({ locale, namespace: 'pricing' });
  return (
    <form method="get" action={path('/admin/pricing')} className="flex flex-wrap items-end gap-3" data-testid="simulation-filters">
      <KeptFields view={view} keys={PRICING_FIELDS} />
      <KeptFields view={view} keys={['sort', 'dir']} />
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
  );
}

/** Every plan and currency from wholesale to the customer's price, today and with the change, sortable and paged. */
export async function Waterfall({ view }: { view: PricingView }) {
  const { result, filter, locale, page, pages, link, money, text } = view;
  const t = await getTranslations({ locale, namespace: 'pricing' });
  const sortLink = (key: (typeof SORTS)[number]) => link({ sort: key, dir: filter.sort === key && filter.dir === 'asc' ? 'desc' : 'asc', page: null });
  const arrow = (key: (typeof SORTS)[number]) => (filter.sort === key ? (filter.dir === 'asc' ? ' ↑' : ' ↓') : '');
  return (
    <>
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
    </>
  );
}
