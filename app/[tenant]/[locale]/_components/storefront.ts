import { notFound } from 'next/navigation';
import { setRequestLocale } from 'next-intl/server';
import { getStorefrontTenant } from '@/lib/tenancy/queries';
import type { Tenant } from '@/lib/tenancy/types';

export type StorefrontParams = Promise<{ tenant: string; locale: string }>;

/** Every storefront page starts here: the tenant from the internal segment, the locale checked. */
export async function storefrontContext(params: StorefrontParams): Promise<{ tenant: Tenant; locale: string }> {
  const { tenant: tenantId, locale } = await params;
  const tenant = await getStorefrontTenant(tenantId);
  if (!tenant || !tenant.locales.includes(locale)) notFound();
  setRequestLocale(locale);
  return { tenant, locale };
}
