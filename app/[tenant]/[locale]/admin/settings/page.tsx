import { getTranslations } from 'next-intl/server';
import { now } from '@/lib/clock';
import { forTenant } from '@/lib/db';
import { LOCALE_NAMES, SUPPORTED_LOCALES } from '@/lib/i18n/locales';
import { formatTaxRates } from '@/lib/tenancy/commerce';
import { stripeConfigured } from '@/lib/payments/stripe';
import { minorToDecimal } from '@/lib/money';
import { getTenant } from '@/lib/tenancy/repo';
import { refreshAccountStatus } from '@/lib/payments/stripe-connect';
import { StorefrontFrame } from '../../_components/storefront-frame';
import { portalPage, type StorefrontParams } from '../../_components/page-start';
import { buttonClass, Checkbox, Field, FormFeedback, inputClass } from '../../_components/forms';
import { API } from '../../_components/api-routes';
import { CountrySelect } from '../../_components/country-select';
import { groupsOfFour } from '@/lib/invoices/format';

export const dynamic = 'force-dynamic';

type Search = Promise<Record<string, string | string[] | undefined>>;

/** The store's settings and payments: what an admin of the storefront sets up once and rarely changes. */
export default async function SettingsPage({ params, searchParams }: { params: StorefrontParams; searchParams: Search }) {
  const { tenant: shown, locale, path } = await portalPage(params, '/admin/settings', 'commerce:manage');
  const search = await searchParams;
  // Back from Stripe's onboarding: ask Stripe what the account can do now (read-only toward
  // Stripe, and idempotent here), so the page shows it at once rather than after the webhook.
  if (search.stripe === 'return') await forTenant(shown.id, (db) => refreshAccountStatus(db, shown, now())).catch((error: unknown) => console.error('stripe: reading the account back failed', error));
  const tenant = (await forTenant(shown.id, (db) => getTenant(db, shown.id))) ?? shown;
  const t = await getTranslations({ locale, namespace: 'settings' });
  const returnTo = path('/admin/settings');
  const account = tenant.stripeAccountId;
  const bank = tenant.bankDetails;

  return (
    <StorefrontFrame tenant={shown} locale={locale} path="/admin/settings">
      <div className="mx-auto flex w-full max-w-3xl flex-col gap-8 px-4 py-10">
        <p><a className="text-sm text-primary underline" href={path('/admin')}>← {tenant.name}</a></p>
        <h1 className="font-heading text-3xl font-bold">{t('title')}</h1>
        <FormFeedback locale={locale} search={search} />
        <form method="post" action={API.adminSettings} className="flex flex-col gap-4" data-testid="settings-form">
          <input type="hidden" name="returnTo" value={returnTo} />
          <h2 className="font-heading text-xl font-semibold">{t('store')}</h2>
          <Field label={t('name')}><input name="name" required minLength={2} maxLength={80} defaultValue={tenant.name} className={inputClass} /></Field>
          <Field label={t('contactEmail')}><input type="email" name="contactEmail" maxLength={254} defaultValue={tenant.contactEmail ?? ''} className={inputClass} /></Field>
          <Field label={t('legalAddress')}><textarea name="legalAddress" rows={4} maxLength={500} defaultValue={tenant.legalAddress ?? ''} className={inputClass} /></Field>
          <fieldset className="flex flex-wrap items-center gap-4 text-sm">
            <legend className="mb-1 text-muted">{t('languages')}</legend>
            {SUPPORTED_LOCALES.map((l) => (
              <Checkbox key={l} className="flex items-center gap-2" name={`locale_${l}`} defaultChecked={tenant.locales.includes(l)} label={LOCALE_NAMES[l]} />
            ))}
          </fieldset>
          <div className="grid gap-4 sm:grid-cols-3">
            <Field label={t('defaultLocale')}>
              <select name="defaultLocale" defaultValue={tenant.defaultLocale} className={inputClass}>
                {SUPPORTED_LOCALES.map((l) => <option key={l} value={l}>{LOCALE_NAMES[l]}</option>)}
              </select>
            </Field>
            <Field label={t('currencies')}><input name="currencies" required maxLength={200} defaultValue={tenant.currencies.join(', ')} className={inputClass} /></Field>
            <Field label={t('defaultCurrency')}><input name="defaultCurrency" required maxLength={3} defaultValue={tenant.defaultCurrency} className={inputClass} /></Field>
          </div>
          <Field label={t('taxRates')}><input name="taxRates" maxLength={2000} defaultValue={formatTaxRates(tenant.taxRates)} className={inputClass} /></Field>
          <h2 className="mt-4 font-heading text-xl font-semibold">{t('onAccount')}</h2>
          <Checkbox name="onAccountDefault" defaultChecked={tenant.onAccountDefault} label={t('onAccountDefault')} />
          <Field label={t('defaultCreditLimit', { currency: tenant.defaultCurrency })}>
            <input name="defaultCreditLimit" maxLength={20} defaultValue={minorToDecimal(tenant.defaultCreditLimit, tenant.defaultCurrency)} className={inputClass} />
          </Field>
          <p className="text-sm text-muted">{t('onAccountHelp')}</p>
          <div><button type="submit" className={buttonClass}>{t('save')}</button></div>
        </form>

        <form method="post" action={API.adminSettingsBilling} className="flex flex-col gap-4" data-testid="billing-settings-form">
          <input type="hidden" name="returnTo" value={returnTo} />
          <h2 className="font-heading text-xl font-semibold">{t('invoicing')}</h2>
          <p className="text-sm text-muted">{t('invoicingHelp')}</p>
          <div className="grid gap-4 sm:grid-cols-2">
            <Field label={t('storeCountry')}><CountrySelect locale={locale} defaultValue={tenant.country} emptyLabel={t('noCountry')} /></Field>
            <Field label={t('vatNumber')}><input name="vatNumber" maxLength={40} defaultValue={tenant.vatNumber ?? ''} className={inputClass} /></Field>
            <Field label={t('accountHolder')}><input name="accountHolder" maxLength={120} defaultValue={bank?.accountHolder ?? ''} className={inputClass} /></Field>
            <Field label={t('bankName')}><input name="bankName" maxLength={80} defaultValue={bank?.bankName ?? ''} className={inputClass} /></Field>
            <Field label={t('iban')}><input name="iban" maxLength={42} autoComplete="off" spellCheck={false} defaultValue={bank?.iban ? groupsOfFour(bank.iban) : ''} className={inputClass} /></Field>
            <Field label={t('bic')}><input name="bic" maxLength={11} autoComplete="off" spellCheck={false} defaultValue={bank?.bic ?? ''} className={inputClass} /></Field>
            <Field label={t('accountNumber')}><input name="accountNumber" maxLength={34} defaultValue={bank?.accountNumber ?? ''} className={inputClass} /></Field>
            <Field label={t('bankCode')}><input name="bankCode" maxLength={20} defaultValue={bank?.bankCode ?? ''} className={inputClass} /></Field>
          </div>
          <Checkbox name="provisionBeforePayment" defaultChecked={tenant.provisionBeforePayment} label={t('provisionBeforePayment')} />
          <p className="text-sm" data-testid="bank-transfer-status">{bank ? t('bankTransferOffered') : t('bankTransferNotOffered')}</p>
          <div><button type="submit" className={buttonClass}>{t('save')}</button></div>
        </form>

        <section className="flex flex-col gap-3" data-testid="stripe-status">
          <h2 className="font-heading text-xl font-semibold">{t('payments')}</h2>
          {!stripeConfigured() ? (
            <p className="text-muted">{t('stripeUnconfigured')}</p>
          ) : (
            <>
              <p data-state={!account ? 'none' : tenant.stripeChargesEnabled ? 'ready' : 'pending'}>
                {!account ? t('stripeNone') : tenant.stripeChargesEnabled ? t('stripeReady', { account }) : t('stripePending', { account })}
              </p>
              {account && !tenant.stripeChargesEnabled && tenant.stripeDetailsSubmitted && <p className="text-sm text-muted">{t('stripeDetails')}</p>}
              {search.stripe === 'refresh' && <p className="text-sm">{t('linkExpired')}</p>}
              {!tenant.stripeChargesEnabled && (
                <form method="post" action={API.adminStripeConnect}>
                  <input type="hidden" name="returnTo" value={returnTo} />
                  <input type="hidden" name="settings" value={returnTo} />
                  <button type="submit" className={buttonClass} data-testid="stripe-connect">{account ? t('continue') : t('connect')}</button>
                </form>
              )}
            </>
          )}
        </section>
      </div>
    </StorefrontFrame>
  );
}
