import { localePath } from '@/lib/i18n/locales';
import { translator } from '@/lib/i18n/translator';
import { loadCartView } from '@/lib/orders/page';
import { framedResponse } from '@/lib/pages/frames';
import { CartSummary } from '../_components/cart-summary';
import { buttonClass, FormFeedback } from '../_components/forms';
import { notFoundResponse, personalContext, searchOf, type PersonalParams } from '../_components/personal';

export const dynamic = 'force-dynamic';

/** The visitor's cart, priced now by the price engine (never from what the browser sent). */
export async function GET(request: Request, context: PersonalParams): Promise<Response> {
  const found = await personalContext(request, context);
  if (!found) return notFoundResponse();
  const { tenant, locale } = found;
  const path = (p: string) => localePath(locale, tenant.defaultLocale, p);
  const t = translator(locale, 'shop');
  const cart = await loadCartView(tenant);
  return framedResponse(tenant, locale, 'cart',
    <div className="mx-auto flex w-full max-w-4xl flex-col gap-6 px-4 py-10">
      <h1 className="font-heading text-3xl font-bold">{t('cartTitle')}</h1>
      <FormFeedback locale={locale} search={searchOf(request)} />
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
    </div>,
  );
}
