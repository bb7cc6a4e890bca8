import { settings } from './settings';

/** The platform's root domain: the distributor's storefront lives on it, resellers on its subdomains. */
export function platformDomain(): string {
  return settings().platformDomain;
}

/** Port and scheme used when the app writes absolute links to other hosts (e.g. the distributor's). */
export function publicOrigin(host: string): string {
  const { publicScheme, publicPort } = settings();
  const scheme = publicScheme || (host === 'localhost' || host.endsWith('.localhost') ? 'http' : 'https');
  return `${scheme}://${host}${publicPort ? `:${publicPort}` : ''}`;
}
