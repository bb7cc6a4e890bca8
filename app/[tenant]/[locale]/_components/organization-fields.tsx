import { translator } from '@/lib/i18n/translator';
import { CountrySelect } from './country-select';
import { Field, inputClass } from './forms';

interface Values {
  name?: string;
  country?: string;
  billingEmail?: string;
  taxId?: string | null;
  currency?: string;
}

/** The fields of a customer organisation, for creating one and for editing it. */
export function OrganizationFields({ locale, currencies, values }: { locale: string; currencies: string[]; values: Values }) {
  const t = translator(locale, 'account');
  return (
    <>
      <Field label={t('orgName')}><input name="name" required defaultValue={values.name} className={inputClass} /></Field>
      <Field label={t('country')}><CountrySelect locale={locale} defaultValue={values.country} /></Field>
      <Field label={t('billingEmail')}><input type="email" name="billingEmail" required defaultValue={values.billingEmail} className={inputClass} /></Field>
      <Field label={t('taxId')}><input name="taxId" defaultValue={values.taxId ?? ''} className={inputClass} /></Field>
      <Field label={t('currency')}>
        <select name="currency" defaultValue={values.currency} className={inputClass}>
          {currencies.map((c) => <option key={c}>{c}</option>)}
        </select>
      </Field>
    </>
  );
}
