import { getStorefrontTenant } from '@/lib/tenancy/queries';
import { resolvedTenant } from '@/lib/tenancy/resolve';
import type { Tenant } from '@/lib/tenancy/types';

export type PersonalParams = { params: Promise<{ tenant: string; locale: string }> };

/**
 * A personal page's tenant and locale from the internal segment (the proxy chose both): the
 * tenant the proxy has just resolved the host to, else read (and cached) again.
 */
export async function personalContext(request: Request, { params }: PersonalParams): Promise<{ tenant: Tenant; locale: string } | null> {
  const { tenant: tenantId, locale } = await params;
  const tenant = resolvedTenant(request.headers.get('host'), tenantId) ?? (await getStorefrontTenant(tenantId));
  return tenant && tenant.locales.includes(locale) ? { tenant, locale } : null;
}

/** The query string as the pages' form feedback reads it. */
export function searchOf(request: Request): Record<string, string> {
  return Object.fromEntries(new URL(request.url).searchParams);
}

export const notFoundResponse = () => new Response('Not found.\n', { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' } });
