import { translator } from '@/lib/i18n/translator';
import { CountrySelect } from './country-select';
import { Field, inputClass } from './forms';

interface Values {
  name?: string;
  country?: string;
  billingEmail?: string;
  taxId?: string | null;
  street?: string | null;
  postalCode?: string | null;
  city?: string | null;
  currency?: string;
}

/** The fields of a customer organisation, for creating one and for editing it. */
export function OrganizationFields({ locale, currencies, values }: { locale: string; currencies: string[]; values: Values }) {
  const t = translator(locale, 'account');
  return (
    <>
      <Field label={t('orgName')}><input name="name" required defaultValue={values.name} className={inputClass} /></Field>
      <Field label={t('country')}><CountrySelect locale={locale} defaultValue={values.country} /></Field>
      <Field label={t('billingEmail')}><input type="email" name="billingEmail" required autoComplete="email" defaultValue={values.billingEmail} className={inputClass} /></Field>
      <Field label={t('street')}><input name="street" required minLength={2} maxLength={120} autoComplete="address-line1" defaultValue={values.street ?? ''} className={inputClass} /></Field>
      <div className="grid grid-cols-[minmax(0,2fr)_minmax(0,3fr)] gap-2">
        <Field label={t('postalCode')}><input name="postalCode" maxLength={20} autoComplete="postal-code" defaultValue={values.postalCode ?? ''} className={`${inputClass} w-full min-w-0`} /></Field>
        <Field label={t('city')}><input name="city" required maxLength={80} autoComplete="address-level2" defaultValue={values.city ?? ''} className={`${inputClass} w-full min-w-0`} /></Field>
      </div>
      <Field label={t('taxId')}>
        <input name="taxId" maxLength={40} defaultValue={values.taxId ?? ''} aria-describedby="tax-id-hint" className={inputClass} />
        <span id="tax-id-hint" className="text-xs text-muted">{t('taxIdHint')}</span>
      </Field>
      <Field label={t('currency')}>
        <select name="currency" defaultValue={values.currency} className={inputClass}>
          {currencies.map((c) => <option key={c}>{c}</option>)}
        </select>
      </Field>
    </>
  );
}
