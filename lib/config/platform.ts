import { normaliseHost } from '../tenancy/host';

/**
 * The platform's root domain: the distributor's storefront lives on it, resellers on its
 * subdomains. Read once; a malformed value stops the server rather than mis-routing tenants.
 */
let cached: string | undefined;

export function platformDomain(): string {
  if (cached) return cached;
  const raw = process.env.PLATFORM_DOMAIN || 'localhost';
  const host = normaliseHost(raw);
  if (!host) throw new Error(`PLATFORM_DOMAIN "${raw}" is not a valid hostname (e.g. shops.example.com).`);
  cached = host;
  return host;
}

/** Port and scheme used when the app writes absolute links to other hosts (e.g. the distributor's). */
export function publicOrigin(host: string): string {
  const scheme = process.env.PUBLIC_SCHEME || (host === 'localhost' || host.endsWith('.localhost') ? 'http' : 'https');
  const port = process.env.PUBLIC_PORT ? `:${process.env.PUBLIC_PORT}` : '';
  return `${scheme}://${host}${port}`;
}
