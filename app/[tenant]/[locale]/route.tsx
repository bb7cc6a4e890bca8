import { getTranslations } from 'next-intl/server';
import { storefrontFeatured } from '@/lib/catalog/storefront';
import { currencyName } from '@/lib/i18n/locales';
import { storefrontMetadata } from '@/lib/seo/metadata';
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
