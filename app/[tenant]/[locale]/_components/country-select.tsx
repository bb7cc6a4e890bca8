import { countryOptions, isCountryCode } from '@/lib/input/countries';
import { translator } from '@/lib/i18n/translator';
import { inputClass } from './forms';

/**
 * A country chosen from the list, named in the page's language: a plain select, so it works
 * without JavaScript and a browser's autofill fills it (autocomplete="country" sends the code).
 */
export function CountrySelect({ locale, defaultValue, name = 'country', emptyLabel }: { locale: string; defaultValue?: string | null; name?: string; emptyLabel?: string }) {
  const t = translator(locale, 'account');
  // w-full min-w-0: the longest name ("Südgeorgien und die Südlichen Sandwichinseln") would
  // otherwise set the width and push a phone's page sideways.
  // A stored code that is no country's (from before the list) selects nothing, so the browser
  // would show, and save, the first country: the prompt is shown instead, and a choice required.
  const selected = defaultValue && isCountryCode(defaultValue) ? defaultValue : '';
  return (
    <select name={name} required={!emptyLabel} autoComplete="country" defaultValue={selected} className={`${inputClass} w-full min-w-0`}>
      {/* With an empty label, "none" is a choice (a setting that may stay unset). */}
      {emptyLabel ? <option value="">{emptyLabel}</option> : <option value="" disabled>{t('chooseCountry')}</option>}
      {countryOptions(locale).map((c) => <option key={c.code} value={c.code}>{c.name}</option>)}
    </select>
  );
}
