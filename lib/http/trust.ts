import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** Headers the proxy sets for route handlers; values a client sends are always replaced. */
export const TENANT_HEADER = 'x-channelfront-tenant';
export const ORIGIN_HEADER = 'x-channelfront-origin';
export const SIGNATURE_HEADER = 'x-channelfront-signature';
/** Signs a server's request to itself (cache expiry); see `signInternal`. */
export const INTERNAL_HEADER = 'x-channelfront-internal';

// A per-process key: only this process's proxy can vouch for a tenant, so a request that reached
// a route without passing the proxy (whatever the trick) carries no valid signature.
const KEY = Symbol.for('channelfront.proxyKey');
function key(): Buffer {
  const holder = globalThis as { [KEY]?: Buffer };
  holder[KEY] ??= randomBytes(32);
  return holder[KEY];
}

export function sign(tenantId: string, origin: string): string {
  return createHmac('sha256', key()).update(`${tenantId}\n${origin}`).digest('base64url');
}

/** The tenant and origin the proxy resolved for this request, or null if not vouched for. */
export function trustedTenant(headers: Headers): { tenantId: string; origin: string } | null {
  const tenantId = headers.get(TENANT_HEADER);
  const origin = headers.get(ORIGIN_HEADER);
  const signature = headers.get(SIGNATURE_HEADER);
  if (!tenantId || !origin || !signature || headers.has('x-middleware-subrequest')) return null;
  const expected = Buffer.from(sign(tenantId, origin));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given) ? { tenantId, origin } : null;
}

/** Signs a request a server sends to itself (see lib/tenancy/invalidate.ts). */
export function signInternal(body: string): string {
  return createHmac('sha256', key()).update(`internal\n${body}`).digest('base64url');
}

export function verifyInternal(body: string, signature: string | null): boolean {
  if (!signature) return false;
  const expected = Buffer.from(signInternal(body));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
