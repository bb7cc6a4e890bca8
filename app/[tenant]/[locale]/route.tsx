import { getTranslations } from 'next-intl/server';
import { storefrontFeatured } from '@/lib/catalog/storefront';
import { currencyName } from '@/lib/i18n/locales';
import { storefrontMetadata } from '@/lib/seo/metadata';
import { inServiceMode, type Tenant } from '@/lib/tenancy/types';
import { getTheme } from '@/themes';
import { storefrontRoute } from './_components/document';
import { ThemedProductCard } from './_components/product-card';
import { StorefrontFrame } from './_components/storefront-frame';

// Cached per tenant and locale like every storefront page (the data it reads carries the tags).
// Static, so Next caches it; the data it reads may expire it sooner (CACHE_TTL_SECONDS, tags).
// Not force-static: that hides the cookies a staff member's preview needs.
export const revalidate = 300;
export function generateStaticParams(): { tenant: string; locale: string }[] {
  return [];
}

export const GET = storefrontRoute(async ({ tenant, locale, path }) => {
  const t = await getTranslations({ locale });
  if (inServiceMode(tenant)) return serviceModeHome(tenant, locale, path);
  const theme = getTheme(tenant.theme);
  const featured = await storefrontFeatured(tenant);
  const subtitle = t('home.subtitle', { currency: currencyName(locale, tenant.defaultCurrency) });
  return {
    metadata: await storefrontMetadata(tenant, locale, '/', { title: tenant.name, description: subtitle }),
    body: (
      <StorefrontFrame tenant={tenant} locale={locale} path="/">
        <theme.Home
          hero={<theme.Hero title={t('home.title', { store: tenant.name })} subtitle={subtitle} cta={{ href: path('/products'), label: t('home.cta') }} />}
          featured={
            featured.length > 0
              ? {
                  heading: t('home.featured'),
                  allLink: { href: path('/products'), label: t('home.allProducts') },
                  products: <theme.ProductGrid>{featured.map((product) => <ThemedProductCard key={product.id} tenant={tenant} locale={locale} product={product} />)}</theme.ProductGrid>,
                }
              : null
          }
        />
      </StorefrontFrame>
    ),
  };
});

/**
 * A storefront back on Basic: the proxy sends its catalog, cart and checkout here. Its customers
 * are told, neutrally, that it takes no new orders and where their account is.
 */
async function serviceModeHome(tenant: Tenant, locale: string, path: (p: string) => string) {
  const t = await getTranslations({ locale, namespace: 'serviceMode' });
  return {
    metadata: await storefrontMetadata(tenant, locale, '/', { title: tenant.name, description: t('body') }),
    body: (
      <StorefrontFrame tenant={tenant} locale={locale} path="/">
        <section className="mx-auto flex w-full max-w-2xl flex-col gap-4 px-4 py-16" data-testid="service-mode">
          <h1 className="font-heading text-3xl font-bold">{t('title', { store: tenant.name })}</h1>
          <p className="text-muted">{t('body')}</p>
          {tenant.contactEmail && <p className="text-muted">{t('contact', { email: tenant.contactEmail })}</p>}
          <p className="flex flex-wrap gap-4">
            <a className="rounded-theme bg-primary px-5 py-2 text-primary-text" href={path('/account')} data-testid="service-mode-account">{t('account')}</a>
          </p>
        </section>
      </StorefrontFrame>
    ),
  };
}
