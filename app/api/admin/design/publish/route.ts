import { z } from 'zod';
import { now } from '@/lib/clock';
import { publishDraft } from '@/lib/design/versions';
import { guardedRoute } from '@/lib/identity/guard';

export const dynamic = 'force-dynamic';

/** An admin makes the draft the live design; customers see it on their next page load. */
export const POST = guardedRoute({ permission: 'design:publish', input: z.object({}) }, async ({ db, tenant, viewer }) => {
  const version = await publishDraft(db, tenant, viewer.userId, now());
  return { notice: 'published', json: { version } };
});
