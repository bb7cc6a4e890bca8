import { getTranslations } from 'next-intl/server';
import type { ShelfProduct } from '@/lib/catalog/queries';
import { localePath } from '@/lib/i18n/locales';
import type { Tenant } from '@/lib/tenancy/types';
import { getTheme } from '@/themes';
import { fromMonthly, Price } from './price';

/** A product in the tenant's theme, with its lowest monthly price in every offered currency. */
export async function ThemedProductCard({ tenant, locale, product }: { tenant: Tenant; locale: string; product: ShelfProduct }) {
  const t = await getTranslations({ locale, namespace: 'catalog' });
  const { ProductCard } = getTheme(tenant.theme);
  const from = fromMonthly(product.plans);
  return (
    <ProductCard
      href={localePath(locale, tenant.defaultLocale, `/products/${product.slug}`)}
      name={product.name[locale] ?? product.name.en ?? product.sku}
      vendor={product.vendor}
      summary={product.description[locale] ?? product.description.en ?? ''}
      priceLabel={
        Object.keys(from).length ? (
          <span data-testid="from-price">
            {t.rich(product.type === 'storefront_plan' ? 'fromPerMonthStorefront' : 'fromPerMonth', { price: () => <Price amounts={from} locale={locale} /> })}
          </span>
        ) : (
          t('noPrice')
        )
      }
    />
  );
}
