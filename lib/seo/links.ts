import { localePath } from '../i18n/locales';
import type { Tenant } from '../tenancy/types';

/** A page's address in every language of the storefront, for `hreflang` and the sitemap. */
export function alternates(origin: string, tenant: Pick<Tenant, 'locales' | 'defaultLocale'>, path: string): Record<string, string> {
  const languages: Record<string, string> = {};
  for (const locale of tenant.locales) languages[locale] = `${origin}${localePath(locale, tenant.defaultLocale, path)}`;
  languages['x-default'] = `${origin}${localePath(tenant.defaultLocale, tenant.defaultLocale, path)}`;
  return languages;
}
