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

function withoutScheme(origin: string): string {
  return origin.replace(/^https?:\/\//, '');
}
