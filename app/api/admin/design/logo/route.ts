import { z } from 'zod';
import { LOGO_MAX_BYTES, logoTooLarge, processLogo } from '@/lib/design/logo';
import { setDraftLogo } from '@/lib/design/versions';
import { guardedRoute } from '@/lib/identity/guard';

export const dynamic = 'force-dynamic';

const input = z.object({ intent: z.enum(['upload', 'remove']).default('upload') });

/** Uploads a logo into the draft (multipart field `logo`), or takes it out of the draft. */
export const POST = guardedRoute(
  { permission: 'design:edit', input, upload: { field: 'logo', maxBytes: LOGO_MAX_BYTES, tooLarge: logoTooLarge } },
  async ({ db, tenant, viewer, input, file }) => {
    if (input.intent === 'remove') {
      await setDraftLogo(db, tenant, null, viewer.userId);
      return { notice: 'draftSaved' };
    }
    const { logo, renditions } = await processLogo(file ?? new Uint8Array());
    await setDraftLogo(db, tenant, { set: logo, renditions }, viewer.userId);
    return { notice: 'draftSaved', json: { logo } };
  },
);
