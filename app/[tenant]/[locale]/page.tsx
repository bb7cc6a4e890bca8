import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { storefrontFeatured } from '@/lib/catalog/storefront';
import { currencyName, localePath } from '@/lib/i18n/locales';
import { storefrontMetadata } from '@/lib/seo/metadata';
import { getTheme } from '@/themes';
import { ThemedProductCard } from './_components/product-card';
import { StorefrontFrame } from './_components/storefront-frame';
import { storefrontPage, type StorefrontParams } from './_components/page-start';

export async function generateMetadata({ params }: { params: StorefrontParams }): Promise<Metadata> {
  const { tenant, locale } = await storefrontPage(params);
  const t = await getTranslations({ locale, namespace: 'home' });
  return storefrontMetadata(tenant, locale, '/', { title: tenant.name, description: t('subtitle', { currency: currencyName(locale, tenant.defaultCurrency) }) });
}

export default async function HomePage({ params }: { params: StorefrontParams }) {
  const { tenant, locale } = await storefrontPage(params);
  const t = await getTranslations({ locale });
  const theme = getTheme(tenant.theme);
  const featured = await storefrontFeatured(tenant);
  const href = (p: string) => localePath(locale, tenant.defaultLocale, p);
  return (
    <StorefrontFrame tenant={tenant} locale={locale} path="/">
      <theme.Home
        hero={
          <theme.Hero
            title={t('home.title', { store: tenant.name })}
            subtitle={t('home.subtitle', { currency: currencyName(locale, tenant.defaultCurrency) })}
            cta={{ href: href('/products'), label: t('home.cta') }}
          />
        }
        featured={
          featured.length > 0
            ? {
                heading: t('home.featured'),
                allLink: { href: href('/products'), label: t('home.allProducts') },
                products: <theme.ProductGrid>{featured.map((product) => <ThemedProductCard key={product.id} tenant={tenant} locale={locale} product={product} />)}</theme.ProductGrid>,
              }
            : null
        }
      />
    </StorefrontFrame>
  );
}
