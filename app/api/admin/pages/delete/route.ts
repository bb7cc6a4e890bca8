import { deletePage, pageKey } from '@/lib/content/tenant-pages';
import { guardedRoute } from '@/lib/identity/guard';

export const dynamic = 'force-dynamic';

/** An admin deletes the storefront's page in one language (a shipped page shows its default text again). */
export const POST = guardedRoute({ permission: 'design:publish', input: pageKey }, async ({ db, tenant, input }) => {
  await deletePage(db, tenant, input.slug, input.locale);
  return { notice: 'removed', json: input };
});
