import { now } from '@/lib/clock';
import { pageKey, publishPage } from '@/lib/content/tenant-pages';
import { guardedRoute } from '@/lib/identity/guard';

export const dynamic = 'force-dynamic';

/** An admin publishes a page's draft in one language: its text and where it is linked from. */
export const POST = guardedRoute({ permission: 'design:publish', input: pageKey }, async ({ db, tenant, input }) => {
  await publishPage(db, tenant, input.slug, input.locale, now());
  return { notice: 'published', json: input };
});
