import { DomainError } from '../errors';

/**
 * Refuses a state-changing request a browser sent from anywhere but the storefront itself.
 * Sibling storefronts share one registrable domain, so SameSite=Lax cookies ride along on their
 * requests: the Origin header (or, where a browser omits it, Sec-Fetch-Site) is what tells them
 * apart. `Origin: null` (sandboxed frames, some redirects) is refused too. A request with neither
 * header is not from a browser, and carries no browser's cookies.
 *
 * Unless PUBLIC_SCHEME pins the scheme (`strictScheme`), the storefront's own host and port over
 * the other scheme count as the same storefront: the app guesses https for custom domains, and a
 * custom domain tried over plain http locally must still be able to post its own forms. Another
 * host, or another port, never matches.
 */
export function assertSameOrigin(headers: Headers, origin: string, options: { strictScheme: boolean } = { strictScheme: true }): void {
  const sent = headers.get('origin');
  if (sent !== null) {
    if (sent !== origin && (options.strictScheme || withoutScheme(sent) !== withoutScheme(origin))) throw new DomainError('cross_origin');
    return;
  }
  const site = headers.get('sec-fetch-site');
  if (site && site !== 'same-origin' && site !== 'none') throw new DomainError('cross_origin');
}

/**
 * The origin the browser sent this request to: the storefront's host (as the proxy resolved it)
 * with the port of the request's Host header. The same-origin check compares the browser's Origin
 * with it: a browser on http://shop.example:8080 posts with that origin, whatever the configured
 * public origin (which links are built from) says. A Host naming another host is ignored.
 */
export function requestOrigin(headers: Headers, vouched: string): string {
  const url = new URL(vouched);
  const match = /^([a-z0-9.-]+?)\.?(?::(\d{1,5}))?$/.exec((headers.get('host') ?? '').toLowerCase());
  if (!match || match[1] !== url.hostname) return vouched;
  return `${url.protocol}//${url.hostname}${match[2] ? `:${match[2]}` : ''}`;
}

function withoutScheme(origin: string): string {
  return origin.replace(/^https?:\/\//, '');
}
