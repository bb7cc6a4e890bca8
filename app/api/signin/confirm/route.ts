import { z } from 'zod';
import { completeSignIn } from '@/lib/identity/auth';
import { samePath } from '@/lib/http/redirect';
import { guardedRoute } from '@/lib/identity/guard';
import { organizationCurrencyOf } from '@/lib/identity/organizations';
import { currencyCookie } from '@/lib/pricing/currency';

export const dynamic = 'force-dynamic';

const input = z.object({
  token: z.string().min(16).max(200),
  email: z.string().trim().toLowerCase().email().max(254),
  callbackUrl: z.string().max(500).optional(),
});

/** Where to land after signing in: a path on this storefront; anything pointing elsewhere is ignored. */
function landing(callbackUrl: string | undefined, origin: string): string {
  return samePath(callbackUrl ?? '/account', origin, '/account');
}

/**
 * The person's click on "Sign in" (a POST from the confirmation page): only this uses up the link,
 * so a mail scanner that opens the link does not. Auth.js answers with the session cookie and a
 * redirect; an expired or used link redirects to the sign-in page with an explanation.
 */
export const POST = guardedRoute({ permission: null, input }, async ({ db, tenant, input, origin, request }) => {
  const response = await completeSignIn(db, tenant, origin, { token: input.token, email: input.email, callbackUrl: landing(input.callbackUrl, origin) });
  // Signed in without having chosen a currency: the storefront's pages show the organisation's
  // (the currency rule, lib/pricing/currency.ts), which only a cookie can tell a cached page.
  const signedIn = response.headers.getSetCookie().some((c) => c.includes('session-token='));
  if (signedIn) {
    const currency = await organizationCurrencyOf(db, tenant.id, input.email);
    const cookie = currency ? currencyCookie(request.headers.get('cookie'), currency, tenant) : null;
    if (cookie) response.headers.append('set-cookie', cookie);
  }
  return response;
});
