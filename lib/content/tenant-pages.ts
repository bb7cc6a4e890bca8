import { and, asc, eq, isNotNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db/client';
import { contentPages, type ContentPageRow } from '../db/schema';
import { DomainError, invalidInput } from '../errors';
import { checkbox } from '../input/fields';
import { assertPlanAllows } from '../reselling/plans';
import { tenantChanged } from '../tenancy/invalidate';
import type { Tenant } from '../tenancy/types';
import { firstHeading, renderMarkdown } from './markdown';
import { firstParagraph, listContentPages, loadContentPage, loadShippedSource, type ContentPage } from './shipped-pages';

/** Where a shipped page is linked from until the storefront decides otherwise. */
export const SHIPPED_PLACEMENT: Record<string, { inHeader: boolean; inFooter: boolean }> = {
  about: { inHeader: true, inFooter: true },
  terms: { inHeader: false, inFooter: true },
  privacy: { inHeader: false, inFooter: true },
};

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export const pageInput = z.strictObject({
  slug: z.string().trim().toLowerCase().min(2, 'must be at least 2 characters').max(60, 'must be at most 60 characters').regex(SLUG, 'may hold lower-case letters, digits and single hyphens, such as "support-hours"'),
  locale: z.string().regex(/^[a-z]{2}$/, 'must be a language code such as de'),
  title: z.string().trim().min(1, 'must not be empty').max(120, 'must be at most 120 characters'),
  body: z.string().max(50_000, 'must be at most 50,000 characters'),
  inHeader: checkbox,
  inFooter: checkbox,
});

export const pageKey = z.strictObject({ slug: z.string().regex(SLUG).max(60), locale: z.string().regex(/^[a-z]{2}$/) });

/** A link to a content page in the storefront's header or footer. */
export interface PageLink {
  slug: string;
  title: string;
}

export interface PageSummary {
  slug: string;
  locale: string;
  shipped: boolean;
  row: ContentPageRow | null;
}

/**
 * The storefront's content pages in one language for the header and footer: the shipped pages
 * where it has not published its own, and its published pages, each where it placed it.
 */
export async function pageLinks(db: Db, tenantId: string, locale: string, shippedTitle: (slug: string) => string): Promise<{ header: PageLink[]; footer: PageLink[] }> {
  const rows = await db
    .select({ slug: contentPages.slug, title: contentPages.title, inHeader: contentPages.inHeader, inFooter: contentPages.inFooter })
    .from(contentPages)
    .where(and(eq(contentPages.tenantId, tenantId), eq(contentPages.locale, locale), isNotNull(contentPages.publishedAt)))
    .orderBy(asc(contentPages.slug));
  const own = new Map(rows.map((r) => [r.slug, r]));
  const all = [
    ...Object.entries(SHIPPED_PLACEMENT).filter(([slug]) => !own.has(slug)).map(([slug, place]) => ({ slug, title: shippedTitle(slug), ...place })),
    // A shipped page keeps its short link ("About us") when the storefront publishes its own
    // version: the page's full title ("About Acme Cloud Solutions and our team") renamed the menu
    // link and wrapped the header onto a second row.
    ...rows.map((r) => ({ slug: r.slug, title: SHIPPED_PLACEMENT[r.slug] ? shippedTitle(r.slug) : (r.title ?? r.slug), inHeader: r.inHeader, inFooter: r.inFooter })),
  ];
  const order = (a: PageLink, b: PageLink) => rank(a.slug) - rank(b.slug) || a.slug.localeCompare(b.slug);
  return {
    header: all.filter((p) => p.inHeader).map(({ slug, title }) => ({ slug, title })).sort(order),
    footer: all.filter((p) => p.inFooter).map(({ slug, title }) => ({ slug, title })).sort(order),
  };
}

function rank(slug: string): number {
  const i = Object.keys(SHIPPED_PLACEMENT).indexOf(slug);
  return i === -1 ? 100 : i;
}

/** The published page for a visitor: the storefront's own in this language, else the shipped text. */
export async function contentPage(db: Db, tenant: Pick<Tenant, 'id' | 'name'>, slug: string, locale: string): Promise<ContentPage | null> {
  if (!SLUG.test(slug) || slug.length > 60) return null;
  const [row] = await db
    .select()
    .from(contentPages)
    .where(and(eq(contentPages.tenantId, tenant.id), eq(contentPages.slug, slug), eq(contentPages.locale, locale), isNotNull(contentPages.publishedAt)))
    .limit(1);
  if (row?.title != null && row.body != null) return renderPage(slug, locale, row.title, row.body, tenant.name);
  return loadContentPage(slug, locale, tenant.name);
}

/** A page as Markdown renders it, its title as the heading; `{{storeName}}` works as in the shipped pages. */
export function renderPage(slug: string, locale: string, title: string, body: string, storeName: string): ContentPage {
  const values = { storeName };
  const html = renderMarkdown(`# ${title.replace(/^#+\s*/, '')}\n\n${body}`, values);
  return { slug, locale, title: title.replace(/\{\{\s*storeName\s*\}\}/g, storeName), html, summary: firstParagraph(html) };
}

/** Every page the portal lists for one language: shipped ones and the storefront's own. */
export async function listPages(db: Db, tenantId: string, locale: string): Promise<PageSummary[]> {
  const rows = await db.select().from(contentPages).where(and(eq(contentPages.tenantId, tenantId), eq(contentPages.locale, locale))).orderBy(asc(contentPages.slug));
  const shipped = await listContentPages();
  const own = new Map(rows.map((r) => [r.slug, r]));
  const slugs = [...new Set([...shipped, ...rows.map((r) => r.slug)])].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  return slugs.map((slug) => ({ slug, locale, shipped: shipped.includes(slug), row: own.get(slug) ?? null }));
}

/** What the editor starts from: the draft, else the shipped text in this language (title split off). */
export async function editablePage(db: Db, tenantId: string, slug: string, locale: string): Promise<{ title: string; body: string; inHeader: boolean; inFooter: boolean; row: ContentPageRow | null; shipped: boolean } | null> {
  const [row] = await db.select().from(contentPages).where(and(eq(contentPages.tenantId, tenantId), eq(contentPages.slug, slug), eq(contentPages.locale, locale))).limit(1);
  const shipped = (await listContentPages()).includes(slug);
  if (row) return { title: row.draftTitle, body: row.draftBody, inHeader: row.draftInHeader, inFooter: row.draftInFooter, row, shipped };
  if (!shipped) return null;
  const source = (await loadShippedSource(slug, locale)) ?? '';
  const title = firstHeading(source) ?? slug;
  const body = source.replace(/^#\s+.+\n+/m, '');
  return { title, body, ...SHIPPED_PLACEMENT[slug]!, row: null, shipped };
}

/** Saves a page's draft (a new page starts here); customers see it once an admin publishes. */
export async function savePageDraft(db: Db, tenant: Tenant, input: z.output<typeof pageInput>, userId: string, at: Date): Promise<void> {
  assertPlanAllows(tenant, 'contentPages');
  if (!tenant.locales.includes(input.locale)) throw invalidInput(`locale: "${input.locale}" is not one of this storefront's languages (${tenant.locales.join(', ')}).`, [`locale: one of ${tenant.locales.join(', ')}`]);
  // A value, not now(): Citus allows only immutable functions in an upsert's SET on a distributed table.
  const draft = { draftTitle: input.title, draftBody: input.body, draftInHeader: input.inHeader, draftInFooter: input.inFooter, updatedBy: userId, updatedAt: at };
  await db
    .insert(contentPages)
    .values({ tenantId: tenant.id, slug: input.slug, locale: input.locale, ...draft })
    .onConflictDoUpdate({ target: [contentPages.tenantId, contentPages.slug, contentPages.locale], set: draft });
}

export async function publishPage(db: Db, tenant: Tenant, slug: string, locale: string, at: Date): Promise<void> {
  assertPlanAllows(tenant, 'contentPages');
  const [row] = await db
    .update(contentPages)
    .set({ title: sql`${contentPages.draftTitle}`, body: sql`${contentPages.draftBody}`, inHeader: sql`${contentPages.draftInHeader}`, inFooter: sql`${contentPages.draftInFooter}`, publishedAt: at })
    .where(and(eq(contentPages.tenantId, tenant.id), eq(contentPages.slug, slug), eq(contentPages.locale, locale)))
    .returning({ slug: contentPages.slug });
  if (!row) throw new DomainError('no_draft', 'There is no draft of this page to publish: save it first.');
  await tenantChanged(db, tenant.id);
}

/** Deletes the storefront's page in one language; a shipped page shows its default text again. */
export async function deletePage(db: Db, tenant: Tenant, slug: string, locale: string): Promise<void> {
  const [row] = await db
    .delete(contentPages)
    .where(and(eq(contentPages.tenantId, tenant.id), eq(contentPages.slug, slug), eq(contentPages.locale, locale)))
    .returning({ publishedAt: contentPages.publishedAt });
  if (!row) throw new DomainError('not_found');
  if (row.publishedAt) await tenantChanged(db, tenant.id);
}

/** Published own pages, for the sitemap: slug → languages. */
export async function publishedPageSlugs(db: Db, tenantId: string): Promise<{ slug: string; locale: string }[]> {
  return db.select({ slug: contentPages.slug, locale: contentPages.locale }).from(contentPages).where(and(eq(contentPages.tenantId, tenantId), isNotNull(contentPages.publishedAt)));
}

/** Whether a new page at `slug` would take an address already used in that language (a shipped page's included). */
export async function pageTaken(db: Db, tenantId: string, slug: string, locale: string): Promise<boolean> {
  if (Object.hasOwn(SHIPPED_PLACEMENT, slug)) return true;
  const [existing] = await db.select({ slug: contentPages.slug }).from(contentPages).where(and(eq(contentPages.tenantId, tenantId), eq(contentPages.slug, slug), eq(contentPages.locale, locale))).limit(1);
  return Boolean(existing);
}
