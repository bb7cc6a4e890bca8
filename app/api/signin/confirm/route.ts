import { z } from 'zod';
import { completeSignIn } from '@/lib/identity/auth';
import { samePath } from '@/lib/http/redirect';
import { guardedRoute } from '@/lib/identity/guard';
import { organizationCurrencyOf, staffMember } from '@/lib/identity/organizations';
import { currencyCookie } from '@/lib/pricing/currency';

export const dynamic = 'force-dynamic';

const input = z.object({
  token: z.string().min(16).max(200),
  email: z.string().trim().toLowerCase().email().max(254),
  callbackUrl: z.string().max(500).optional(),
});

/**
 * Where to land after signing in: a path on this storefront; anything pointing elsewhere is
 * ignored. The storefront's staff, asked to nowhere in particular (the account page), land in
 * the portal they work in.
 */
function landing(callbackUrl: string | undefined, origin: string, staff: boolean): string {
  const target = samePath(callbackUrl ?? '/account', origin, '/account');
  return staff ? target.replace(/^(\/[a-z]{2})?\/account$/, '$1/admin') : target;
}

/**
 * The person's click on "Sign in" (a POST from the confirmation page): only this uses up the link,
 * so a mail scanner that opens the link does not. Auth.js answers with the session cookie and a
 * redirect; an expired or used link redirects to the sign-in page with an explanation.
 */
export const POST = guardedRoute({ permission: null, input }, async ({ db, tenant, input, origin, request }) => {
  const staff = await staffMember(db, tenant.id, input.email);
  const response = await completeSignIn(db, tenant, origin, { token: input.token, email: input.email, callbackUrl: landing(input.callbackUrl, origin, staff) });
  const signedIn = response.headers.getSetCookie().some((c) => c.includes('session-token='));
  if (!signedIn) return response;
  // Signed in without having chosen a currency: the storefront's pages show the organisation's
  // (the currency rule, lib/pricing/currency.ts), which only a cookie can tell a cached page.
  const currency = await organizationCurrencyOf(db, tenant.id, input.email);
  const cookie = currency ? currencyCookie(request.headers.get('cookie'), currency, tenant) : null;
  if (cookie) response.headers.append('set-cookie', cookie);
  // A hint for the cached pages' header to show the portal link (the portal checks the role itself).
  if (staff) response.headers.append('set-cookie', 'cf_staff=1; Path=/; Max-Age=31536000; SameSite=Lax');
  return response;
});
