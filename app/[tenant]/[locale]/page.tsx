import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { currencyName, localePath } from '@/lib/i18n/locales';
import { getTheme } from '@/themes';
import { StorefrontFrame } from './_components/storefront-frame';
import { storefrontContext, type StorefrontParams } from './_components/storefront';

export async function generateMetadata({ params }: { params: StorefrontParams }): Promise<Metadata> {
  const { tenant } = await storefrontContext(params);
  return { title: tenant.name };
}

export default async function HomePage({ params }: { params: StorefrontParams }) {
  const { tenant, locale } = await storefrontContext(params);
  const t = await getTranslations({ locale });
  const theme = getTheme(tenant.theme);
  const currency = currencyName(locale, tenant.defaultCurrency);
  return (
    <StorefrontFrame tenant={tenant} locale={locale} path="/">
      <theme.Hero
        title={t('home.title', { store: tenant.name })}
        subtitle={t('home.subtitle', { currency })}
        cta={{ href: localePath(locale, tenant.defaultLocale, '/pages/about'), label: t('home.cta') }}
      />
    </StorefrontFrame>
  );
}
