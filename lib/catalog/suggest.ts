import 'server-only';
import { localePath } from '../i18n/locales';
import type { Tenant } from '../tenancy/types';
import { searchWords } from './search';
import { storefrontListing } from './storefront';

export interface Suggestion {
  name: string;
  url: string;
}

const LIMIT = 6;

/** Products to offer as a visitor types: the first few results of the same ranked search. */
export async function suggestProducts(tenant: Tenant, locale: string, q: string): Promise<Suggestion[]> {
  // One or two letters match too much to be useful, and every keystroke would be a new query.
  if (searchWords(q).join('').length < 2) return [];
  const { items } = await storefrontListing(tenant, { q, page: 1, pageSize: LIMIT, locale });
  return items.map((p) => ({ name: p.name[locale] ?? p.name.en ?? p.slug, url: localePath(locale, tenant.defaultLocale, `/products/${p.slug}`) }));
}
