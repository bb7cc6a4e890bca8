import { createTranslator } from 'next-intl';
import { intlFallbacks } from '../i18n/fallback';
import { isSupportedLocale } from '../i18n/locales';

/** The `mail` messages in a recipient's language (English when the storefront's is not shipped). */
export async function mailTranslator(locale: string) {
  const lang = isSupportedLocale(locale) ? locale : 'en';
  const messages = (await import(`../../content/messages/${lang}.json`)).default;
  return {
    lang,
    t: createTranslator({ locale: lang, messages, namespace: 'mail', ...intlFallbacks }),
    /** The history's words for a subscription's events, as its page says them. */
    events: createTranslator({ locale: lang, messages, namespace: 'subscriptions.events', ...intlFallbacks }),
  };
}
