import { sql } from 'drizzle-orm';
import { boolean, check, customType, index, integer, jsonb, pgTable, primaryKey, smallint, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { tenants } from './tenancy';

// ─── Storefront design: versioned themes, uploaded images, content pages ─────────────────────

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value)),
});

/** The renditions made from one uploaded logo, each a row of `media` named by its hash. */
export interface LogoSet {
  /** For the header, at most 96 px high (twice the size it is shown at). */
  header: { file: string; width: number; height: number };
  /** Square icons: the favicon and the touch icon. */
  favicon: string;
  touch: string;
}

/**
 * A storefront's look: the draft (number null, at most one) and every published version, in
 * order. Publishing copies the draft onto the tenant row, which is what pages read; restoring an
 * earlier version publishes a copy of it, so the history only ever grows.
 */
export const designVersions = pgTable(
  'design_versions',
  {
    tenantId: uuid('tenant_id').notNull().references(() => tenants.id, { onDelete: 'cascade' }),
    id: uuid('id').notNull().defaultRandom(),
    number: integer('number'),
    theme: text('theme').notNull(),
    overrides: jsonb('overrides').$type<Record<string, string>>().notNull().default({}),
    logo: jsonb('logo').$type<LogoSet | null>(),
    /** The version this one restored, when it was made by "restore". */
    restoredFrom: integer('restored_from'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    updatedBy: text('updated_by'),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    publishedBy: text('published_by'),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id], name: 'design_versions_pkey' }),
    uniqueIndex('design_versions_number_key').on(t.tenantId, t.number),
    uniqueIndex('design_versions_one_draft').on(t.tenantId).where(sql`${t.number} is null`),
    check('design_versions_published', sql`(${t.number} is null) = (${t.publishedAt} is null)`),
  ],
);

/**
 * Images a storefront serves (logo renditions), stored in PostgreSQL so every app server can
 * answer for them. Named by the hash of their bytes: the URL changes whenever the image does, so
 * it may be cached for a year.
 */
export const media = pgTable(
  'media',
  {
    tenantId: uuid('tenant_id').notNull().references(() => tenants.id, { onDelete: 'cascade' }),
    hash: text('hash').notNull(),
    contentType: text('content_type').notNull(),
    width: smallint('width').notNull(),
    height: smallint('height').notNull(),
    bytes: bytea('bytes').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.hash], name: 'media_pkey' }),
    check('media_hash_format', sql`${t.hash} ~ '^[0-9a-f]{32}$'`),
    check('media_content_type', sql`${t.contentType} in ('image/png', 'image/webp')`),
  ],
);

/**
 * A storefront's own content page in one language. The draft is what staff edit; the published
 * title and body are what customers read (null until first published). A shipped page (about,
 * terms, privacy) shows its default text until the storefront publishes its own.
 */
export const contentPages = pgTable(
  'content_pages',
  {
    tenantId: uuid('tenant_id').notNull().references(() => tenants.id, { onDelete: 'cascade' }),
    slug: text('slug').notNull(),
    locale: text('locale').notNull(),
    draftTitle: text('draft_title').notNull(),
    draftBody: text('draft_body').notNull(),
    title: text('title'),
    body: text('body'),
    /** Where the published page is linked from; the draft's choice goes live with it. */
    inHeader: boolean('in_header').notNull().default(false),
    inFooter: boolean('in_footer').notNull().default(true),
    draftInHeader: boolean('draft_in_header').notNull().default(false),
    draftInFooter: boolean('draft_in_footer').notNull().default(true),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    updatedBy: text('updated_by'),
    publishedAt: timestamp('published_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.slug, t.locale], name: 'content_pages_pkey' }),
    index('content_pages_locale_idx').on(t.tenantId, t.locale),
    check('content_pages_slug_format', sql`${t.slug} ~ '^[a-z0-9]+(-[a-z0-9]+)*$' and length(${t.slug}) <= 60`),
    check('content_pages_locale_format', sql`${t.locale} ~ '^[a-z]{2}$'`),
  ],
);

export type DesignVersionRow = typeof designVersions.$inferSelect;
export type MediaRow = typeof media.$inferSelect;
export type ContentPageRow = typeof contentPages.$inferSelect;
