import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { basisPointsToPercent } from '@/lib/money';
import { StorefrontFrame } from '../../_components/storefront-frame';
import { type StorefrontParams, portalPage } from '../../_components/page-start';
import { FormFeedback } from '../../_components/forms';
import { ChangeForm, Proposal } from './_panels/change';
import { MarkupRules } from './_panels/rules';
import { pricingView, type Search } from './_panels/view';
import { Waterfall, WaterfallFilters } from './_panels/waterfall';

export const dynamic = 'force-dynamic';

/**
 * The reseller's markups and rounding, with the price waterfall simulator: a proposed change is
 * priced for every plan and currency it touches before anything is saved; saving publishes it.
 */
export default async function PricingPage({ params, searchParams }: { params: StorefrontParams; searchParams: Promise<Search> }) {
  const start = await portalPage(params, '/admin/pricing');
  const { tenant, locale, path } = start;
  if (tenant.kind !== 'reseller') notFound();
  const search = await searchParams;
  const t = await getTranslations({ locale, namespace: 'pricing' });
  const view = await pricingView(start, search);
  return (
    <StorefrontFrame tenant={tenant} locale={locale} path="/admin/pricing">
      {view ? (
        <div className="mx-auto flex w-full max-w-6xl flex-col gap-6 px-4 py-10">
          <p><a className="text-sm text-primary underline" href={path('/admin')}>← {tenant.name}</a></p>
          <header>
            <h1 className="font-heading text-3xl font-bold">{t('title')}</h1>
            <p className="mt-2 text-muted" data-testid="tier">{t('tier', { tier: view.tier, discount: basisPointsToPercent(view.ctx.tierDiscountBasisPoints, locale) })}</p>
          </header>
          <FormFeedback locale={locale} search={search} />
          {view.errors.length > 0 && <p role="alert" data-testid="simulation-error" className="rounded-theme border border-primary bg-surface px-4 py-3 text-sm">{t('badInput', { details: view.errors.join('; ') })}</p>}
          <MarkupRules view={view} />
          <ChangeForm view={view} />
          <Proposal view={view} />
          <WaterfallFilters view={view} />
          <Waterfall view={view} />
        </div>
      ) : (
        <div className="mx-auto w-full max-w-4xl px-4 py-10"><h1 className="font-heading text-3xl font-bold">{t('title')}</h1><p className="mt-4">{t('noOffer')}</p></div>
      )}
    </StorefrontFrame>
  );
}
