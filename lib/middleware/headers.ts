import { settings } from '../config/settings';

/**
 * Security headers for every response the app sends. The CSP allows inline scripts and styles
 * because the statically cached pages carry Next's inline bootstrap and the tenant's theme
 * variables (a nonce would make every page render per request); it still forbids framing,
 * plugins, foreign form targets (but Stripe's payment page) and <base> tricks, and loads nothing from other origins.
 */
export function securityHeaders(https: boolean): Record<string, string> {
  const { production, stripeSecretKey, stripeApiBase } = settings();
  const dev = !production;
  // The checkout form's answer redirects to Stripe's hosted payment page (form-action covers
  // redirects); with a stand-in API (tests) its payment page lives there instead.
  const payment = stripeSecretKey ? ` https://checkout.stripe.com${stripeApiBase ? ` ${stripeApiBase.origin}` : ''}` : '';
  const csp = [
    "default-src 'self'",
    `script-src 'self' 'unsafe-inline'${dev ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${dev ? ' ws: wss:' : ''}`,
    "frame-ancestors 'none'",
    "object-src 'none'",
    "base-uri 'none'",
    `form-action 'self'${payment}`,
  ].join('; ');
  return {
    'content-security-policy': csp,
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'strict-origin-when-cross-origin',
    'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=(self), usb=(), interest-cohort=()',
    'cross-origin-opener-policy': 'same-origin',
    ...(https ? { 'strict-transport-security': 'max-age=31536000; includeSubDomains' } : {}),
  };
}

export function withSecurityHeaders<R extends Response>(response: R, https: boolean): R {
  for (const [name, value] of Object.entries(securityHeaders(https))) {
    if (!response.headers.has(name)) response.headers.set(name, value);
  }
  return response;
}
