import { getRequestConfig } from 'next-intl/server';
import { intlFallbacks } from './fallback';
import { isSupportedLocale } from './locales';

// The locale always comes from the [locale] segment the proxy rewrote to, which the layout has
// already checked against the tenant's enabled locales.
export default getRequestConfig(async ({ requestLocale }) => {
  const requested = await requestLocale;
  const locale = requested && isSupportedLocale(requested) ? requested : 'en';
  const messages = (await import(`../../content/messages/${locale}.json`)).default;
  return { locale, messages, timeZone: 'UTC', ...intlFallbacks };
});
