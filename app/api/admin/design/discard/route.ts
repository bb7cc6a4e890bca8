import { z } from 'zod';
import { discardDraft } from '@/lib/design/versions';
import { guardedRoute } from '@/lib/identity/guard';

export const dynamic = 'force-dynamic';

/** Throws the draft away; the next edit starts again from the live design. */
export const POST = guardedRoute({ permission: 'design:edit', input: z.object({}) }, async ({ db, tenant }) => {
  await discardDraft(db, tenant.id);
  return { notice: 'draftDiscarded' };
});
