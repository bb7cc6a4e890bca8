import { getTranslations } from 'next-intl/server';
import { localePath } from '@/lib/i18n/locales';
import { loadCartView } from '@/lib/orders/page';
import { CartSummary } from '../_components/cart-summary';
import { buttonClass, FormFeedback } from '../_components/forms';
import { StorefrontFrame } from '../_components/storefront-frame';
import { storefrontContext, type StorefrontParams } from '../_components/storefront';

export const dynamic = 'force-dynamic';

type Search = Promise<Record<string, string | string[] | undefined>>;

/** The visitor's cart, priced now by the price engine (never from what the browser sent). */
export default async function CartPage({ params, searchParams }: { params: StorefrontParams; searchParams: Search }) {
  const { tenant, locale } = await storefrontContext(params);
  const path = (p: string) => localePath(locale, tenant.defaultLocale, p);
  const t = await getTranslations({ locale, namespace: 'shop' });
  const cart = await loadCartView(tenant);
  return (
    <StorefrontFrame tenant={tenant} locale={locale} path="/cart">
      <div className="mx-auto flex w-full max-w-4xl flex-col gap-6 px-4 py-10">
        <h1 className="font-heading text-3xl font-bold">{t('cartTitle')}</h1>
        <FormFeedback locale={locale} search={await searchParams} />
        {cart.lines.length === 0 ? (
          <p className="text-muted" data-testid="cart-empty">{t('cartEmpty')} <a className="text-primary underline" href={path('/products')}>{t('browse')}</a></p>
        ) : (
          <>
            <CartSummary cart={cart} locale={locale} editable returnTo={path('/cart')} />
            <p className="text-sm text-muted">{t('pricesExclTax')}</p>
            <div className="flex flex-wrap items-center justify-between gap-4">
              <a className="text-primary underline" href={path('/products')}>{t('continue')}</a>
              <a className={buttonClass} href={path('/checkout')} data-testid="to-checkout">{t('checkout')}</a>
            </div>
          </>
        )}
      </div>
    </StorefrontFrame>
  );
}
