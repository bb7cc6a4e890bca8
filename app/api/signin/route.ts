import { z } from 'zod';
import { settings } from '@/lib/config/settings';
import { clientAddress } from '@/lib/http/client-address';
import { requestSignInLink } from '@/lib/identity/auth';
import { localPath } from '@/lib/identity/forms';
import { guardedRoute } from '@/lib/identity/guard';
import { hitRateLimit } from '@/lib/identity/rate-limit';
import { localePath } from '@/lib/i18n/locales';
import { statusPage } from '@/lib/middleware/status-pages';

export const dynamic = 'force-dynamic';

const PER_ADDRESS = 10;

const input = z.object({
  email: z.string().trim().toLowerCase().email('a valid email address').max(254),
  callbackUrl: localPath,
  locale: z.string().max(5).optional(),
});

/**
 * Sends a sign-in link. The answer is the same whether or not the address is known; requests
 * are limited per address and per client, over every app server (the counters live in the DB).
 */
export const POST = guardedRoute({ permission: null, input }, async ({ db, tenant, input, origin, request }) => {
  const locale = input.locale && tenant.locales.includes(input.locale) ? input.locale : tenant.defaultLocale;
  const path = (p: string) => localePath(locale, tenant.defaultLocale, p);
  for (const [key, limit] of [
    [`signin:address:${input.email}`, PER_ADDRESS],
    // The address the server trusts (TRUSTED_PROXY_HOPS), never a client's own X-Forwarded-For.
    [`signin:client:${clientAddress(request.headers)}`, settings().signinLimitPerClient],
  ] as const) {
    const hit = await hitRateLimit(db, tenant.id, key, limit, 60);
    if (!hit.allowed) return tooMany(request, hit.retryAfterSeconds, new URL(path('/signin'), origin).toString());
  }
  await requestSignInLink(db, { tenant, origin, locale, confirmPath: path('/signin/confirm') }, input.email, input.callbackUrl ?? path('/account'));
  return { redirect: path('/signin/check-email') };
});

function tooMany(request: Request, retryAfter: number, back: string): Response {
  const message = 'Too many sign-in requests. Please wait a minute and try again.';
  if ((request.headers.get('content-type') ?? '').includes('form')) {
    const page = statusPage('rate-limited', request.headers.get('accept-language'), back);
    page.headers.set('retry-after', String(retryAfter));
    return page;
  }
  return Response.json({ error: { code: 'rate_limited', message } }, { status: 429, headers: { 'retry-after': String(retryAfter) } });
}
