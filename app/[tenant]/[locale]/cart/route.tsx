import { localePath } from '@/lib/i18n/locales';
import { translator } from '@/lib/i18n/translator';
import { loadCartView } from '@/lib/orders/cart-view';
import { framedResponse } from '@/lib/frames/personal-frame';
import { CartSummary } from '../_components/cart-summary';
import { getTheme } from '@/themes';
import { FormFeedback } from '../_components/forms';
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
  const theme = getTheme(tenant.theme);
  return framedResponse(tenant, locale, 'cart',
    <theme.Cart
      heading={t('cartTitle')}
      feedback={<FormFeedback locale={locale} search={searchOf(request)} />}
      empty={cart.lines.length === 0 ? <p className="text-muted" data-testid="cart-empty">{t('cartEmpty')} <a className="text-primary underline" href={path('/products')}>{t('browse')}</a></p> : null}
      summary={<CartSummary cart={cart} locale={locale} editable returnTo={path('/cart')} />}
      note={t('pricesExclTax')}
      continueLink={{ href: path('/products'), label: t('continue') }}
      checkoutLink={{ href: path('/checkout'), label: t('checkout') }}
    />,
  );
}
