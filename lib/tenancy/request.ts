import { platformDomain, publicOrigin } from '../config/platform';
import { getDb } from '../db';
import { trustedTenant } from '../http/trust';
import { normaliseHost } from '../input/host';
import { getTenant } from './repo';
import { resolvedTenant } from './resolve';
import type { Tenant } from './types';

export interface RequestTenant {
  tenant: Tenant;
  /** The storefront's own address (links and the origin check are built from it, never from a header). */
  origin: string;
}

/**
 * The one way a route handler finds its storefront again after the proxy chose it from the host:
 * under `/api` from the headers the proxy signed, on a storefront path from the internal segment
 * the proxy rewrote it to (`segment`; no request reaches that segment any other way). The tenant
 * is the one the proxy has just resolved (its host cache), else read again. Null when no proxy
 * vouched for the request or the tenant is gone: the caller answers "not found".
 */
export async function requestTenant(request: Request, segment?: string): Promise<RequestTenant | null> {
  const vouched = segment
    ? { tenantId: segment, origin: publicOrigin(normaliseHost(request.headers.get('host')) ?? platformDomain()) }
    : trustedTenant(request.headers);
  if (!vouched) return null;
  const tenant = resolvedTenant(new URL(vouched.origin).host, vouched.tenantId) ?? (await getTenant(await getDb(), vouched.tenantId));
  // What it may do (its plan, its status) is the handler's to say, with a reason; it exists.
  return tenant ? { tenant, origin: vouched.origin } : null;
}
