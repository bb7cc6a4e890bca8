/** UI languages the framework ships messages for (content/messages/<locale>.json). */
export const SUPPORTED_LOCALES = ['en', 'de', 'fr'] as const;
export type Locale = (typeof SUPPORTED_LOCALES)[number];

export function isSupportedLocale(value: string): value is Locale {
  return (SUPPORTED_LOCALES as readonly string[]).includes(value);
}

/** Each language named in itself, for the language switcher. */
export const LOCALE_NAMES: Record<Locale, string> = { en: 'English', de: 'Deutsch', fr: 'Français' };

/**
 * The public path of a page in a locale: the tenant's default locale has no prefix, the others
 * are a path prefix (`/de/products`). `path` starts with `/`.
 */
export function localePath(locale: string, defaultLocale: string, path: string): string {
  if (locale === defaultLocale) return path;
  return path === '/' ? `/${locale}` : `/${locale}${path}`;
}

/** The currency's name in the locale ("Euro", "US-Dollar", "dollar des États-Unis"). */
export function currencyName(locale: string, currency: string): string {
  return new Intl.DisplayNames([locale], { type: 'currency' }).of(currency) ?? currency;
}
