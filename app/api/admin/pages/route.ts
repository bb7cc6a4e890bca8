import { z } from 'zod';
import { now } from '@/lib/clock';
import { pageInput, pageTaken, savePageDraft } from '@/lib/content/tenant-pages';
import { DomainError } from '@/lib/errors';
import { guardedRoute } from '@/lib/identity/guard';
import { safeReturnPath } from '@/lib/http/redirect';

export const dynamic = 'force-dynamic';

const input = pageInput.extend({
  /** Set by the "new page" form: an address already in use in that language is refused, not overwritten. */
  create: z.enum(['1']).optional(),
  /** The editor's address without the slug (`/de/admin/pages/`), where the answer goes. */
  editor: z.string().max(200).optional(),
});

/** Saves a content page's draft in one language; it goes live when an admin publishes it. */
export const POST = guardedRoute({ permission: 'design:edit', input, longFields: ['body'] }, async ({ db, tenant, viewer, input }) => {
  const { create, editor, ...page } = input;
  if (create) {
    if (await pageTaken(db, tenant.id, page.slug, page.locale)) throw new DomainError('page_exists', `There already is a page at /pages/${page.slug} in this language: edit it instead.`);
  }
  await savePageDraft(db, tenant, page, viewer.userId, now());
  const base = safeReturnPath(editor, '');
  return { ...(base.endsWith('/admin/pages/') ? { redirect: `${base}${page.slug}?locale=${page.locale}&notice=draftSaved` } : { notice: 'draftSaved' }), json: { slug: page.slug, locale: page.locale } };
});
