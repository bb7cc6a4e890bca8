const BASE = 'http://storefront.invalid';

/**
 * A redirect target the app may use: a path on this storefront, normalised the way a browser would
 * read it. Anything that could leave the storefront (`//x`, `/\x`, `/.//x`, `https://x`, tabs or
 * newlines that browsers strip, encoded tricks that decode into one of these) gives `fallback`.
 * Every form's `returnTo` and every sign-in `callbackUrl` goes through here.
 */
export function safeReturnPath(raw: unknown, fallback = '/'): string {
  if (typeof raw !== 'string' || !raw.startsWith('/') || raw.length > 500) return fallback;
  let url: URL;
  try {
    url = new URL(raw, BASE);
  } catch {
    return fallback;
  }
  if (url.origin !== BASE) return fallback;
  const path = `${url.pathname}${url.search}`;
  // After normalisation `/.//x` is `//x`: as a Location header that is another host.
  if (path.startsWith('//') || path.includes('\\') || /[\u0000-\u001f\u007f]/.test(path)) return fallback;
  return path;
}

/** Same, for an absolute URL on one origin (Auth.js's callback URLs): the path part, or `fallback`. */
export function samePath(raw: unknown, origin: string, fallback = '/'): string {
  if (typeof raw !== 'string') return fallback;
  if (raw.startsWith('/')) return safeReturnPath(raw, fallback);
  try {
    const url = new URL(raw);
    return url.origin === origin ? safeReturnPath(`${url.pathname}${url.search}`, fallback) : fallback;
  } catch {
    return fallback;
  }
}
