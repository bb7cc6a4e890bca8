import { getTranslations } from 'next-intl/server';
import { nameBelowCost, PRICING_FIELDS, SIMULATION_FILTERS } from '@/lib/pricing/simulator';
import { API } from '../../../_components/api-routes';
import { buttonClass, Field, inputClass } from '../../../_components/forms';
import { KeptFields, type PricingView } from './view';

/** A proposed change (what it applies to, the markup, the rounding): sent as a GET, it is only simulated. */
export async function ChangeForm({ view }: { view: PricingView }) {
  const { input, ctx, sheet, tenant, locale, path, text } = view;
  const t = await getTranslations({ locale, namespace: 'pricing' });
  return (
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
        <KeptFields view={view} keys={SIMULATION_FILTERS} />
        <button type="submit" className={buttonClass} data-testid="simulate">{t('simulate')}</button>
      </div>
      <p className="text-sm text-muted">{t('howItWorks')}</p>
    </form>
  );
}

/** What the simulated change does (plans affected, changed, below cost) and, for those who may, saving it. */
export async function Proposal({ view }: { view: PricingView }) {
  const { change, result, input, state, locale, path } = view;
  if (!change) return null;
  const t = await getTranslations({ locale, namespace: 'pricing' });
  return (
    <section className="flex flex-col gap-3 rounded-theme border border-line p-4" data-testid="proposal">
      <p data-testid="summary">{t('summary', { affected: result.affected, changed: result.changed, below: result.belowCostCount })}</p>
      {result.belowCostCount > 0 && <p role="alert" className="text-sm font-medium" data-testid="below-cost">{t('belowCostWarning', { plans: nameBelowCost(result) })}</p>}
      {view.mayPublish ? (
        <form method="post" action={API.adminPricing}>
          <input type="hidden" name="returnTo" value={`${path('/admin/pricing')}?${state}`} />
          {PRICING_FIELDS.map((k) => (input?.[k] ? <input key={k} type="hidden" name={k} value={String(input[k])} /> : null))}
          <button type="submit" className={buttonClass} data-testid="publish-prices">{t('save')}</button>
        </form>
      ) : (
        <p className="text-sm text-muted">{t('adminsPublish')}</p>
      )}
    </section>
  );
}
