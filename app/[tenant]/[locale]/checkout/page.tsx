import { randomBytes } from 'node:crypto';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { can } from '@/lib/identity/access';
import { localePath } from '@/lib/i18n/locales';
import { loadCartView } from '@/lib/orders/page';
import { availableMethods } from '@/lib/payments';
import { formatMoney } from '@/lib/pricing/money';
import { CartSummary } from '../_components/cart-summary';
import { buttonClass, FormFeedback } from '../_components/forms';
import { OrganizationFields } from '../_components/organization-fields';
import { StorefrontFrame } from '../_components/storefront-frame';
import { storefrontContext, type StorefrontParams } from '../_components/storefront';

export const dynamic = 'force-dynamic';

type Search = Promise<Record<string, string | string[] | undefined>>;

/**
 * Checkout for a customer admin: sign-in and "create your organisation" on the way, then billing
 * details, payment method and review on one page. The form carries a fresh idempotency key, so a
 * double submit places one order.
 */
export default async function CheckoutPage({ params, searchParams }: { params: StorefrontParams; searchParams: Search }) {
  const { tenant, locale } = await storefrontContext(params);
  const path = (p: string) => localePath(locale, tenant.defaultLocale, p);
  const t = await getTranslations({ locale, namespace: 'shop' });
  const cart = await loadCartView(tenant, { credit: true });
  if (!cart.viewer) redirect(`${path('/signin')}?callbackUrl=${encodeURIComponent(path('/checkout'))}`);
  if (cart.lines.length === 0) redirect(path('/cart'));
  const org = cart.organization;
  const isAdmin = org ? can(cart.viewer, tenant, 'organization:manage', org.id) : false;
  const methods = org ? availableMethods(tenant, org) : [];
  const credit = cart.credit;
  const money = (n: number) => formatMoney(n, cart.currency, locale);
  const account = await getTranslations({ locale, namespace: 'account' });

  return (
    <StorefrontFrame tenant={tenant} locale={locale} path="/checkout">
      <div className="mx-auto flex w-full max-w-4xl flex-col gap-8 px-4 py-10">
        <h1 className="font-heading text-3xl font-bold">{t('checkoutTitle')}</h1>
        <FormFeedback locale={locale} search={await searchParams} />
        {!org ? (
          <section data-testid="create-organization">
            <p className="text-muted">{t('needOrganization')}</p>
            <form method="post" action="/api/account/organizations" className="mt-4 grid gap-4 sm:grid-cols-2">
              <input type="hidden" name="returnTo" value={path('/checkout')} />
              <OrganizationFields locale={locale} currencies={tenant.currencies} values={{ billingEmail: cart.viewer.email, currency: cart.currency }} />
              <div className="flex items-end"><button type="submit" className={buttonClass}>{account('createOrganization')}</button></div>
            </form>
          </section>
        ) : !isAdmin ? (
          <p role="alert" data-testid="not-admin">{t('onlyAdmins', { admins: org.billingEmail })}</p>
        ) : (
          <form method="post" action="/api/checkout" className="flex flex-col gap-8" data-testid="checkout-form">
            <input type="hidden" name="returnTo" value={path('/checkout')} />
            <input type="hidden" name="organizationId" value={org.id} />
            <input type="hidden" name="locale" value={locale} />
            <input type="hidden" name="idempotencyKey" value={randomBytes(16).toString('hex')} />
            <section>
              <h2 className="font-heading text-xl font-semibold">{t('billing')}</h2>
              <address className="mt-2 not-italic text-muted" data-testid="billing">
                {org.name}<br />{org.billingEmail}<br />{org.country}{org.taxId ? ` · ${org.taxId}` : ''}
              </address>
            </section>
            <section>
              <h2 className="font-heading text-xl font-semibold">{t('paymentMethod')}</h2>
              {methods.length === 0 ? (
                <p className="mt-2" role="alert">{t('noPaymentMethod', { store: tenant.name })}</p>
              ) : (
                <div className="mt-2 flex flex-col gap-2">
                  {methods.map((m, i) => (
                    <label key={m.key} className="flex items-center gap-2">
                      <input type="radio" name="paymentMethod" value={m.key} defaultChecked={i === 0} required />
                      <span>{t(m.key)}</span>
                      {m.key === 'on_account' && credit !== null && (
                        <span className="text-sm text-muted" data-testid="credit">{t('creditAvailable', { available: money(Math.max(0, credit)), limit: money(org.creditLimit) })}</span>
                      )}
                    </label>
                  ))}
                </div>
              )}
            </section>
            <section>
              <h2 className="font-heading text-xl font-semibold">{t('review')}</h2>
              <div className="mt-2"><CartSummary cart={cart} locale={locale} editable={false} returnTo={path('/checkout')} /></div>
            </section>
            {methods.length > 0 && cart.total !== null && (
              <div className="flex justify-end"><button type="submit" className={buttonClass} data-testid="place-order">{t('placeOrder')}</button></div>
            )}
          </form>
        )}
      </div>
    </StorefrontFrame>
  );
}
