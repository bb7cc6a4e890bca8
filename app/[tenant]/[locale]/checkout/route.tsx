import { randomBytes } from 'node:crypto';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { can } from '@/lib/identity/access';
import { loadCartView } from '@/lib/orders/cart-view';
import { availableMethods } from '@/lib/payments';
import { formatMoney } from '@/lib/money';
import { countryName } from '@/lib/input/countries';
import { CartSummary } from '../_components/cart-summary';
import { buttonClass, Field, FormFeedback, inputClass } from '../_components/forms';
import { THEME_NAMES } from '@/themes';
import { platformDomain } from '@/lib/config/platform';
import { forTenant } from '@/lib/db';
import { LOCALE_NAMES, SUPPORTED_LOCALES } from '@/lib/i18n/locales';
import { listLicensees } from '@/lib/reselling/licensees';
import { OrganizationFields } from '../_components/organization-fields';
import { personalDocument } from '../_components/document';
import { personalRoute } from '../_components/personal';
import { signInFirst } from '../_components/page-start';
import { API } from '../_components/api-routes';

export const dynamic = 'force-dynamic';

/**
 * Checkout for a customer admin: sign-in and "create your organisation" on the way, then billing
 * details, payment method and review on one page. The form carries a fresh idempotency key, so a
 * double submit places one order.
 */
export const GET = personalRoute({ access: 'anyone' }, async ({ tenant, locale, page, path, search }) => {
  const t = await getTranslations({ locale, namespace: 'shop' });
  const cart = await loadCartView(tenant, { credit: true });
  if (!cart.viewer) signInFirst(path, path('/checkout'));
  if (cart.lines.length === 0) redirect(path('/cart'));
  const org = cart.organization;
  const isAdmin = org ? can(cart.viewer, tenant, 'organization:manage', org.id) : false;
  const methods = org ? availableMethods(tenant, org, cart.currency) : [];
  const credit = cart.credit;
  const money = (n: number) => formatMoney(n, cart.currency, locale);
  const account = await getTranslations({ locale, namespace: 'account' });
  const r = await getTranslations({ locale, namespace: 'reselling' });
  const text = (v: Record<string, string>) => v[locale] ?? v.en ?? '';
  const platform = platformDomain();
  const storefrontLine = cart.lines.find((l) => l.item?.productType === 'storefront_plan');
  const resaleLines = cart.lines.filter((l) => l.item && l.item.productType !== 'storefront_plan');
  const licensees = org?.resellingEnabled ? await forTenant(tenant.id, (db) => listLicensees(db, tenant.id, org.id)) : [];

  return personalDocument(page, '/checkout', {
    title: t('checkoutTitle'),
    body: (
      <div className="mx-auto flex w-full max-w-4xl flex-col gap-8 px-4 py-10">
        <h1 className="font-heading text-3xl font-bold">{t('checkoutTitle')}</h1>
        <FormFeedback locale={locale} search={search} />
        {!org ? (
          <section data-testid="create-organization">
            <p className="text-muted">{t('needOrganization')}</p>
            <form method="post" action={API.accountOrganizations} className="mt-4 grid gap-4 sm:grid-cols-2">
              <input type="hidden" name="returnTo" value={path('/checkout')} />
              <OrganizationFields locale={locale} currencies={tenant.currencies} values={{ billingEmail: cart.viewer.email, currency: cart.currency }} />
              <div className="flex items-end"><button type="submit" className={buttonClass}>{account('createOrganization')}</button></div>
            </form>
          </section>
        ) : !isAdmin ? (
          <p role="alert" data-testid="not-admin">{t('onlyAdmins', { admins: org.billingEmail })}</p>
        ) : (
          <form method="post" action={API.checkout} className="flex flex-col gap-8" data-testid="checkout-form">
            <input type="hidden" name="returnTo" value={path('/checkout')} />
            <input type="hidden" name="organizationId" value={org.id} />
            <input type="hidden" name="locale" value={locale} />
            <input type="hidden" name="currency" value={cart.currency} />
            <input type="hidden" name="idempotencyKey" value={randomBytes(16).toString('hex')} />
            {storefrontLine && !org.resellingEnabled && (
              <p role="alert" data-testid="not-reseller" className="rounded-theme border border-primary bg-surface px-4 py-3 text-sm">{r('notReseller', { distributor: tenant.name, company: org.name })}</p>
            )}
            <section>
              <h2 className="font-heading text-xl font-semibold">{t('billing')}</h2>
              <address className="mt-2 not-italic text-muted" data-testid="billing">
                {org.name}<br />
                {org.street && <>{org.street}<br /></>}
                {(org.postalCode || org.city) && <>{[org.postalCode, org.city].filter(Boolean).join(' ')}<br /></>}
                {countryName(org.country, locale)}<br />
                {org.billingEmail}
                {org.taxId && <><br />{account('taxIdShown', { id: org.taxId })}{org.taxIdVerifiedAt && <span className="ml-1 text-xs" data-testid="tax-id-verified">✓ {t('taxIdVerified')}</span>}</>}
              </address>
              {!org.street && <p role="alert" className="mt-2 text-sm" data-testid="billing-missing">{t('billingAddressMissing')}</p>}
              <p className="mt-1 text-sm"><a className="text-primary underline" href={path(`/account/organizations/${org.id}`)}>{t('editBilling')}</a></p>
              <div className="mt-4 max-w-sm">
                <Field label={t('purchaseOrder')}>
                  <input name="purchaseOrder" maxLength={60} className={inputClass} aria-describedby="po-hint" />
                  <span id="po-hint" className="text-xs text-muted">{t('purchaseOrderHint')}</span>
                </Field>
              </div>
            </section>
            {org.resellingEnabled && resaleLines.length > 0 && (
              <section data-testid="licensees">
                <h2 className="font-heading text-xl font-semibold">{r('licensee')}</h2>
                <div className="mt-2 flex flex-col gap-3">
                  {resaleLines.map((l) => (
                    <Field key={l.planId} label={`${text(l.item!.productName)} – ${text(l.item!.planName)}${l.item!.resaleOnly ? ` (${r('resaleOnly')})` : ''}`}>
                      <select name={`licensee_${l.planId}`} defaultValue={l.item!.resaleOnly ? '' : 'self'} className={inputClass}>
                        {l.item!.resaleOnly ? <option value="" disabled>{r('licensee')}…</option> : <option value="self">{r('self')}</option>}
                        {licensees.map((x) => <option key={x.id} value={x.id}>{x.name} ({x.country})</option>)}
                      </select>
                    </Field>
                  ))}
                  <p className="text-sm"><a className="text-primary underline" href={path(`/account/organizations/${org.id}`)}>{r('addLicensee')}</a></p>
                </div>
              </section>
            )}
            {storefrontLine && org.resellingEnabled && (
              <section data-testid="storefront-choice">
                <h2 className="font-heading text-xl font-semibold">{r('yourStorefront')}</h2>
                {org.resellerTenantId ? (
                  <p className="mt-2 text-muted">{r('existingStorefront', { host: `${org.storefrontSlug}.${platform}` })}</p>
                ) : (
                  <div className="mt-2 grid gap-4 sm:grid-cols-2">
                    <Field label={r('slugLabel')}>
                      <input name="storefrontSlug" required minLength={3} maxLength={40} pattern="[a-z0-9][a-z0-9\-]*[a-z0-9]" defaultValue={org.storefrontSlug ?? ''} className={inputClass} />
                    </Field>
                    <p className="self-end text-sm text-muted">{r('slugHint', { example: `${org.storefrontSlug ?? 'your-company'}.${platform}` })}</p>
                    <Field label={r('theme')}>
                      <select name="storefrontTheme" defaultValue="classic" className={inputClass}>
                        {THEME_NAMES.map((name) => <option key={name} value={name}>{name[0]!.toUpperCase() + name.slice(1)}</option>)}
                      </select>
                    </Field>
                    <Field label={r('storefrontCurrency')}>
                      <select name="storefrontCurrency" defaultValue={tenant.currencies.includes(org.currency) ? org.currency : tenant.defaultCurrency} className={inputClass}>
                        {tenant.currencies.map((c) => <option key={c} value={c}>{c}</option>)}
                      </select>
                    </Field>
                    <fieldset className="flex flex-col gap-1 text-sm">
                      <legend className="text-muted">{r('languages')}</legend>
                      {SUPPORTED_LOCALES.map((l) => (
                        <label key={l} className="flex items-center gap-2"><input type="checkbox" name={`storefrontLanguage_${l}`} defaultChecked={l === locale} />{LOCALE_NAMES[l]}</label>
                      ))}
                    </fieldset>
                    <Field label={r('mainLanguage')}>
                      <select name="storefrontDefaultLanguage" defaultValue={locale} className={inputClass}>
                        {SUPPORTED_LOCALES.map((l) => <option key={l} value={l}>{LOCALE_NAMES[l]}</option>)}
                      </select>
                    </Field>
                  </div>
                )}
              </section>
            )}
            <section>
              <h2 className="font-heading text-xl font-semibold">{t('paymentMethod')}</h2>
              {methods.length === 0 ? (
                <div className="mt-2 flex flex-col gap-2" role="alert" data-testid="no-payment-method">
                  <p>{t('noPaymentMethod', { store: tenant.name })}</p>
                  <p><a className="text-primary underline" href={`${path('/account')}#on-account`}>{t('askOnAccount')}</a></p>
                </div>
              ) : (
                <div className="mt-2 flex flex-col gap-3">
                  {methods.map((m, i) => (
                    <label key={m.key} className="flex items-start gap-2">
                      <input type="radio" name="paymentMethod" value={m.key} defaultChecked={i === 0} required className="mt-1" />
                      <span className="flex flex-col">
                        <span>{t(m.key)}</span>
                        {m.key === 'on_account' && credit !== null && (
                          <span className="text-sm text-muted" data-testid="credit">{t('creditAvailable', { available: money(Math.max(0, credit)), limit: money(org.creditLimit) })}</span>
                        )}
                        {m.key === 'bank_transfer' && (
                          <span className="text-sm text-muted" data-testid="bank-transfer-hint">{t('bankTransferHint', { store: tenant.name, provisioned: tenant.provisionBeforePayment ? 'yes' : 'no' })}</span>
                        )}
                      </span>
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
    ),
  });
});
