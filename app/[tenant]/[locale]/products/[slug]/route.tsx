import { getTranslations } from 'next-intl/server';
import { storefrontProduct } from '@/lib/catalog/storefront';
import { localePath } from '@/lib/i18n/locales';
import { storefrontMetadata } from '@/lib/seo/metadata';
import { storefrontUrl } from '@/lib/seo/origin';
import { jsonLdScript, productJsonLd } from '@/lib/seo/structured-data';
import { getTheme } from '@/themes';
import { Price } from '../../_components/price';
import { StorefrontFrame } from '../../_components/storefront-frame';
import { storefrontRoute } from '../../_components/document';
import { API } from '../../_components/api-routes';
import { planFacts } from '../../_components/plan-facts';

// Rendered per tenant, locale and product on first request, then cached.
// Static, so Next caches it; the data it reads may expire it sooner (CACHE_TTL_SECONDS, tags).
// Not force-static: that hides the cookies a staff member's preview needs.
export const revalidate = 300;
export function generateStaticParams(): { tenant: string; locale: string; slug: string }[] {
  return [];
}

export const GET = storefrontRoute<{ slug: string }>(async ({ tenant, locale }, { slug }) => {
  const product = await storefrontProduct(tenant, slug);
  // Not in this storefront's catalog (hidden by the reseller, or unknown): not found.
  if (!product) return null;
  const t = await getTranslations({ locale, namespace: 'catalog' });
  const single = product.type === 'storefront_plan';
  const text = (v: Record<string, string>) => v[locale] ?? v.en ?? '';
  const periods = [...new Set(product.plans.map((p) => p.billingPeriod))].sort();
  const url = await storefrontUrl(tenant, locale, `/products/${slug}`);
  const structured = productJsonLd(product, { locale, url, currency: tenant.defaultCurrency, seller: tenant.name });

  const theme = getTheme(tenant.theme);

  const metadata = await storefrontMetadata(tenant, locale, `/products/${slug}`, { title: `${text(product.name)} · ${tenant.name}`, description: text(product.description) || text(product.name) });
  return { metadata, body: (
    <StorefrontFrame tenant={tenant} locale={locale} path={`/products/${slug}`}>
      <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: jsonLdScript(structured) }} />
      <theme.ProductPage
        back={{ href: localePath(locale, tenant.defaultLocale, '/products'), label: t('backToProducts') }}
        eyebrow={`${t('vendorLabel', { vendor: product.vendor })} · ${text(product.category)}`}
        title={text(product.name)}
        badges={
          <>
            {/* Resale only is the distributor's terms with its resellers; a reseller's customers simply buy it. */}
            {product.resaleOnly && tenant.kind === 'distributor' && <p className="mt-2 inline-block rounded-theme bg-accent px-2 py-0.5 text-xs font-semibold text-ink">{t('resaleOnly')}</p>}
            {product.type === 'storefront_plan' && <p className="mt-2 text-sm opacity-80" data-testid="for-resellers">{t('forResellers')}</p>}
          </>
        }
        description={text(product.description)}
        plansHeading={t('plans')}
        periodToggle={
          periods.length > 1 ? (
            // A monthly/annual switch in plain HTML and CSS (see .cf-plans in globals.css): no script.
            <fieldset className="inline-flex overflow-hidden rounded-theme border border-line bg-surface text-sm text-ink" data-testid="period-toggle">
              {periods.map((period, i) => (
                <label key={period} className="cursor-pointer px-4 py-2 has-[:checked]:bg-primary has-[:checked]:text-primary-text">
                  <input type="radio" name="period" value={period} defaultChecked={i === 0} className="sr-only" data-period-choice={period} />
                  {period === 'month' ? t('billedMonthly') : t('billedAnnually')}
                </label>
              ))}
            </fieldset>
          ) : null
        }
        plans={product.plans.map((plan) => (
          <theme.PlanCard
            key={plan.id}
            period={plan.billingPeriod}
            name={text(plan.name)}
            price={
              <>
                {Object.keys(plan.prices).length ? <Price amounts={plan.prices} locale={locale} /> : t('noPrice')}
                <span className="ml-2 text-sm font-normal text-muted">{t(single ? 'perStorefrontShort' : 'perPeriodShort', { period: plan.billingPeriod })}</span>
              </>
            }
            facts={planFacts(t, plan, { perStorefront: single })}
            action={
              Object.keys(plan.prices).length > 0 && (
                // A plain form (no script): the server prices the plan again when the cart is shown.
                <form method="post" action={API.cart} className="mt-5 flex items-end gap-3" data-testid="add-to-cart">
                  <input type="hidden" name="planId" value={plan.id} />
                  {/* The answer, added or refused, is shown on the cart: this page is the same cached document for everyone. */}
                  <input type="hidden" name="returnTo" value={localePath(locale, tenant.defaultLocale, '/cart')} />
                  {single ? (
                    // A storefront plan is one storefront: no seats to choose.
                    <input type="hidden" name="seats" value="1" />
                  ) : (
                    <label className="flex flex-col gap-1 text-sm">
                      <span className="text-muted">{t('seatsInput')}</span>
                      <input type="number" name="seats" min={plan.minSeats} max={plan.maxSeats} defaultValue={plan.minSeats} required
                        className="w-24 rounded-theme border border-line bg-surface px-3 py-2 text-ink" />
                    </label>
                  )}
                  <button type="submit" className="rounded-theme bg-primary px-4 py-2 text-sm font-medium text-primary-text">{t('addToCart')}</button>
                </form>
              )
            }
          />
        ))}
      />
    </StorefrontFrame>
  ) };
});
