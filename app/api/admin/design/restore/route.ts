import { z } from 'zod';
import { wholeNumber } from '@/lib/input/fields';
import { now } from '@/lib/clock';
import { restoreVersion } from '@/lib/design/versions';
import { guardedRoute } from '@/lib/identity/guard';

export const dynamic = 'force-dynamic';

const input = z.object({ version: wholeNumber({ min: 1, max: 1_000_000, what: 'a published version number' }) });

/** An admin brings an earlier published design back (as a new version). */
export const POST = guardedRoute({ permission: 'design:publish', input }, async ({ db, tenant, viewer, input }) => {
  const version = await restoreVersion(db, tenant, input.version, viewer.userId, now());
  return { notice: 'restored', json: { version } };
});
