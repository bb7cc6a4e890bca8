import { settings } from './settings';

/** The platform's root domain: the distributor's storefront lives on it, resellers on its subdomains. */
export function platformDomain(): string {
  return settings().platformDomain;
}

/**
 * The origin the app writes into every absolute link for a host (mails, canonical and sitemap
 * links, redirects, links to other storefronts). It comes from configuration only, never from a
 * request's Host header, whose port a client chooses: the scheme from PUBLIC_SCHEME (else https,
 * http on *.localhost), the port from PUBLIC_PORT. Unset, a *.localhost host gets the port this
 * server listens on (Next sets PORT), so `npm run dev` links open without configuration; any
 * other host gets none (TLS in front on 443).
 */
export function publicOrigin(host: string): string {
  const { publicScheme, publicPort } = settings();
  const local = host === 'localhost' || host.endsWith('.localhost');
  const scheme = publicScheme || (local ? 'http' : 'https');
  const port = publicPort ?? (local ? ownPort() : null);
  const usual = scheme === 'https' ? '443' : '80';
  return `${scheme}://${host}${port && port !== usual ? `:${port}` : ''}`;
}

function ownPort(): string | null {
  const port = process.env.PORT;
  return port && /^\d{1,5}$/.test(port) ? port : null;
}
