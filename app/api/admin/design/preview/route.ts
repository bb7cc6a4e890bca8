import { z } from 'zod';
import { draftMode } from 'next/headers';
import { guardedRoute } from '@/lib/identity/guard';
import { safeReturnPath } from '@/lib/http/redirect';

export const dynamic = 'force-dynamic';

const input = z.object({ intent: z.enum(['start', 'exit']).default('start'), home: z.string().max(500).optional() });

/**
 * Turns the draft preview on or off for this browser on this storefront (Next's draft mode
 * cookie). Pages show the draft only to a signed-in member of staff (lib/design/shown.ts), so the
 * cookie alone shows nobody anything.
 */
export const POST = guardedRoute({ permission: 'design:edit', input }, async ({ input, returnTo }) => {
  const draft = await draftMode();
  if (input.intent === 'exit') {
    draft.disable();
    return { redirect: returnTo, json: { preview: false } };
  }
  draft.enable();
  return { redirect: safeReturnPath(input.home, '/'), json: { preview: true } };
});
