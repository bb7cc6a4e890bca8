import { notFound } from 'next/navigation';
import { setRequestLocale } from 'next-intl/server';
import { shownTenant } from '@/lib/design/shown';
import type { Tenant } from '@/lib/tenancy/types';

export type StorefrontParams = Promise<{ tenant: string; locale: string }>;

/** Every storefront page starts here: the tenant from the internal segment, the locale checked. */
export async function storefrontContext(params: StorefrontParams): Promise<{ tenant: Tenant; locale: string }> {
  const { tenant: tenantId, locale } = await params;
  const shown = await shownTenant(tenantId);
  if (!shown || !shown.tenant.locales.includes(locale)) notFound();
  const { tenant } = shown;
  setRequestLocale(locale);
  return { tenant, locale };
}
