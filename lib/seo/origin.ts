import 'server-only';
import { unstable_cache } from 'next/cache';
import { platformDomain, publicOrigin } from '../config/platform';
import { settings } from '../config/settings';
import { getDb } from '../db';
import { localePath } from '../i18n/locales';
import { primaryHostname } from '../tenancy/repo';
import { tenantTag, type Tenant } from '../tenancy/types';

/**
 * The storefront's public origin on its primary host (`https://shop.acme.example`), cached per
 * tenant. Cached pages carry it in canonical and alternate links, so it cannot depend on the host
 * a request came in on: the same product page is one document for all of a storefront's hosts.
 */
export async function storefrontOrigin(tenant: Tenant): Promise<string> {
  const host = await unstable_cache(async () => primaryHostname(await getDb(), tenant, platformDomain()), ['primary-host', tenant.id], {
    tags: [tenantTag(tenant.id), tenantTag(tenant.id, 'settings')],
    revalidate: settings().cacheTtlSeconds,
  })();
  return publicOrigin(host);
}

/** A page's canonical address: `path` (default locale) in `locale`, on the primary host. */
export async function storefrontUrl(tenant: Tenant, locale: string, path: string): Promise<string> {
  return `${await storefrontOrigin(tenant)}${localePath(locale, tenant.defaultLocale, path)}`;
}
