/**
 * The session cookie's names, in a module of their own so the proxy can tell a signed-in request
 * without loading Auth.js. Under https it is `__Host-` prefixed (HttpOnly, Secure, Path=/, no
 * Domain: a sibling storefront on the same platform domain can neither read nor plant it); on
 * http:// local development browsers refuse Secure cookies, so it has a plain name.
 */
export const SECURE_SESSION_COOKIE = '__Host-authjs.session-token';
export const PLAIN_SESSION_COOKIE = 'authjs.session-token';

export function sessionCookieName(origin: string): string {
  return origin.startsWith('https:') ? SECURE_SESSION_COOKIE : PLAIN_SESSION_COOKIE;
}

/** Whether a Cookie header carries a session cookie under either name (valid or not). */
export function hasSessionCookie(cookieHeader: string | null): boolean {
  return (cookieHeader ?? '').split(';').some((part) => {
    const name = part.trim().split('=')[0];
    return name === SECURE_SESSION_COOKIE || name === PLAIN_SESSION_COOKIE;
  });
}
