import { getTranslations } from 'next-intl/server';
import { basisPointsToPercent, formatMoney, minorToDecimal } from '@/lib/money';
import type { MarkupRule } from '@/lib/pricing/offer';
import type { PricingView } from './view';

/** The markups in force, each with a link that loads it into the change form, and the rounding. */
export async function MarkupRules({ view }: { view: PricingView }) {
  const { ctx, sheet, locale, path, text } = view;
  const t = await getTranslations({ locale, namespace: 'pricing' });
  const categoryName = (id: string | null) => text(sheet.categories.find((c) => c.id === id)?.name ?? {});
  const productOf = (id: string | null) => sheet.plans.find((p) => p.productId === id);
  const target = (r: MarkupRule) => (r.scope === 'all' ? t('everything') : r.scope === 'category' ? t('categoryNamed', { name: categoryName(r.categoryId) }) : t('productNamed', { name: text(productOf(r.productId)?.productName ?? {}) }));
  const value = (r: MarkupRule) => (r.kind === 'percent' ? `${basisPointsToPercent(r.basisPoints!, locale)} %` : `${r.amount! >= 0 ? '+' : ''}${formatMoney(r.amount!, r.currency!, locale)}`);
  const editLink = (r: MarkupRule) =>
    `${path('/admin/pricing')}?${new URLSearchParams({
      scope: r.scope,
      ...(r.scope === 'category' ? { category: sheet.categories.find((c) => c.id === r.categoryId)?.slug ?? '' } : {}),
      ...(r.scope === 'product' ? { product: productOf(r.productId)?.productSlug ?? '' } : {}),
      kind: r.kind,
      ...(r.kind === 'percent' ? { percent: basisPointsToPercent(r.basisPoints!) } : { fixedCurrency: r.currency!, amount: minorToDecimal(r.amount!, r.currency!) }),
      rounding: ctx.rounding,
    })}`;
  return (
    <section>
      <h2 className="font-heading text-xl font-semibold">{t('rules')}</h2>
      <table className="mt-3 w-full text-left text-sm" data-testid="rules">
        <thead><tr className="text-muted"><th className="py-2">{t('target')}</th><th>{t('markup')}</th><th /></tr></thead>
        <tbody>
          {ctx.rules.length === 0 && <tr><td colSpan={3} className="py-2 text-muted">{t('noRules')}</td></tr>}
          {ctx.rules.map((r, i) => (
            <tr key={i} className="border-t border-line" data-testid="rule">
              <td className="py-2">{target(r)}</td>
              <td>{value(r)}</td>
              <td className="text-right"><a className="text-primary underline" href={editLink(r)}>{t('edit')}</a></td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="mt-2 text-sm text-muted" data-testid="rounding">{t('roundingIs', { rule: t(`roundings.${ctx.rounding}`) })}</p>
    </section>
  );
}
