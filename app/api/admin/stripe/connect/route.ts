import { z } from 'zod';
import { guardedRoute } from '@/lib/identity/guard';
import { safeReturnPath } from '@/lib/http/redirect';
import { startOnboarding } from '@/lib/payments/stripe-connect';

export const dynamic = 'force-dynamic';

const input = z.object({ settings: z.string().max(200).optional() });

/** Sends a storefront admin to Stripe's onboarding for the storefront's connected account. */
export const POST = guardedRoute({ permission: 'commerce:manage', input }, async ({ db, tenant, input, origin }) => {
  const settingsPath = safeReturnPath(input.settings, '/admin/settings').split('?')[0]!;
  const url = await startOnboarding(db, tenant, origin, settingsPath);
  return { redirect: url, json: { url } };
});
