import { z } from 'zod';
import { draftMode } from 'next/headers';
import { draftInput, saveDraft } from '@/lib/design/versions';
import { guardedRoute } from '@/lib/identity/guard';
import { safeReturnPath } from '@/lib/http/redirect';

export const dynamic = 'force-dynamic';

const input = draftInput.extend({ intent: z.enum(['save', 'preview']).default('save'), home: z.string().max(500).optional() });

/** Saves the theme and tokens to the draft; "Save and preview" then opens the storefront with it applied. */
export const POST = guardedRoute({ permission: 'design:edit', input }, async ({ db, tenant, viewer, input }) => {
  const { intent, home, ...fields } = input;
  const draft = await saveDraft(db, tenant, fields, viewer.userId);
  const json = { theme: draft.theme, overrides: draft.overrides };
  if (intent === 'preview') {
    (await draftMode()).enable();
    return { redirect: safeReturnPath(home, '/'), json };
  }
  return { notice: 'draftSaved', json };
});
