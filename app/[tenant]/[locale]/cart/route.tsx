import { translator } from '@/lib/i18n/translator';
import { loadCartView } from '@/lib/orders/cart-view';
import { CartSummary } from '../_components/cart-summary';
import { getTheme } from '@/themes';
import { FormFeedback } from '../_components/forms';
import { personalDocument } from '../_components/document';
import { personalRoute } from '../_components/personal';

export const dynamic = 'force-dynamic';

/** The visitor's cart, priced now by the price engine (never from what the browser sent). */
export const GET = personalRoute({ access: 'anyone' }, async ({ tenant, locale, page, path, search }) => {
  const t = translator(locale, 'shop');
  const cart = await loadCartView(tenant);
  const theme = getTheme(tenant.theme);
  return personalDocument(page, '/cart', {
    title: t('cartTitle'),
    body: <theme.Cart
      heading={t('cartTitle')}
      feedback={<FormFeedback locale={locale} search={search} />}
      empty={cart.lines.length === 0 ? <p className="text-muted" data-testid="cart-empty">{t('cartEmpty')} <a className="text-primary underline" href={path('/products')}>{t('browse')}</a></p> : null}
      summary={<CartSummary cart={cart} locale={locale} editable returnTo={path('/cart')} />}
      note={t('pricesExclTax')}
      continueLink={{ href: path('/products'), label: t('continue') }}
      checkoutLink={{ href: path('/checkout'), label: t('checkout') }}
    />,
  });
});
