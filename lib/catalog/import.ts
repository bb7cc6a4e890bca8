import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { categories, planPrices, plans, products, vendors } from '../db/schema';
import type { ProductDefinition } from './definition';
import { catalogChanged } from '../tenancy/invalidate';
import { indexCatalog } from './search-index';
import { parseDefinition, type ImportIssue } from './parse';

export interface ImportReport {
  ok: boolean;
  issues: ImportIssue[];
  products: { created: number; updated: number };
  plans: { created: number; updated: number };
  prices: number;
}

const CHUNK = 500;

function chunks<T>(items: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

const slugify = (text: string) => text.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'vendor';

/**
 * Imports a services definition (JSON or CSV text) into the distributor's master catalog:
 * idempotent upsert by SKU, all in one transaction. Any invalid row means nothing is imported and
 * the report names every problem with its line.
 */
export async function importCatalogFile(db: Db, catalogTenantId: string, text: string, format: 'json' | 'csv'): Promise<ImportReport> {
  const parsed = parseDefinition(text, format);
  if (!parsed.ok) return failed(parsed.issues);
  const report = await importCatalog(db, catalogTenantId, parsed.products);
  if (report.ok) await catalogChanged(db, catalogTenantId);
  return report;
}

export async function importCatalog(db: Db, catalogTenantId: string, items: ProductDefinition[]): Promise<ImportReport> {
  return db.transaction(async (tx) => {
    const conflicts = await findConflicts(tx as unknown as Db, catalogTenantId, items);
    if (conflicts.length) return failed(conflicts);

    const vendorNames = new Map(items.map((p) => [slugify(p.vendor), p.vendor]));
    const vendorIds = new Map<string, string>();
    for (const batch of chunks([...vendorNames])) {
      const rows = await tx
        .insert(vendors)
        .values(batch.map(([slug, name]) => ({ tenantId: catalogTenantId, slug, name })))
        .onConflictDoUpdate({ target: [vendors.tenantId, vendors.slug], set: { name: sql`excluded.name` } })
        .returning({ id: vendors.id, slug: vendors.slug });
      for (const r of rows) vendorIds.set(r.slug, r.id);
    }

    // A category named in the file gets that name; one only referred to by slug keeps its stored
    // name, or is created with its slug in title case.
    const named = new Map<string, Record<string, string>>();
    const referred = new Set<string>();
    for (const p of items) {
      if (p.categoryName) named.set(p.category, p.categoryName);
      else referred.add(p.category);
    }
    for (const batch of chunks([...named])) {
      await tx
        .insert(categories)
        .values(batch.map(([slug, name]) => ({ tenantId: catalogTenantId, slug, name })))
        .onConflictDoUpdate({ target: [categories.tenantId, categories.slug], set: { name: sql`excluded.name` } });
    }
    for (const batch of chunks([...referred].filter((slug) => !named.has(slug)))) {
      await tx
        .insert(categories)
        .values(batch.map((slug) => ({ tenantId: catalogTenantId, slug, name: { en: titleCase(slug) } })))
        .onConflictDoNothing();
    }
    const categoryIds = new Map<string, string>();
    for (const batch of chunks([...new Set(items.map((p) => p.category))])) {
      const rows = await tx
        .select({ id: categories.id, slug: categories.slug })
        .from(categories)
        .where(and(eq(categories.tenantId, catalogTenantId), inArray(categories.slug, batch)));
      for (const r of rows) categoryIds.set(r.slug, r.id);
    }

    const report: ImportReport = { ok: true, issues: [], products: { created: 0, updated: 0 }, plans: { created: 0, updated: 0 }, prices: 0 };
    const productIds = new Map<string, string>();
    for (const batch of chunks(items)) {
      const rows = await tx
        .insert(products)
        .values(
          batch.map((p) => ({
            tenantId: catalogTenantId,
            sku: p.sku,
            slug: p.slug,
            vendorId: vendorIds.get(slugify(p.vendor))!,
            categoryId: categoryIds.get(p.category)!,
            type: p.type,
            resaleOnly: p.resaleOnly,
            connectorKey: p.connector,
            connectorUrl: p.connectorUrl,
            featured: p.featured,
            upgradesTo: p.upgradesTo,
            name: p.name,
            description: p.description,
          })),
        )
        .onConflictDoUpdate({
          target: [products.tenantId, products.sku],
          set: {
            slug: sql`excluded.slug`,
            vendorId: sql`excluded.vendor_id`,
            categoryId: sql`excluded.category_id`,
            type: sql`excluded.type`,
            resaleOnly: sql`excluded.resale_only`,
            connectorKey: sql`excluded.connector_key`,
            connectorUrl: sql`excluded.connector_url`,
            featured: sql`excluded.featured`,
            upgradesTo: sql`excluded.upgrades_to`,
            name: sql`excluded.name`,
            description: sql`excluded.description`,
            // A value, not now(): Citus refuses volatile functions in ON CONFLICT on reference tables.
            updatedAt: new Date(),
          },
        })
        .returning({ id: products.id, sku: products.sku, inserted: sql<boolean>`(xmax = 0)` });
      for (const r of rows) {
        productIds.set(r.sku, r.id);
        report.products[r.inserted ? 'created' : 'updated']++;
      }
    }

    // Fresh statistics before the next step: otherwise the foreign-key checks of a large first
    // import plan against an "empty" table and scan it once per row (minutes instead of seconds).
    if (items.length >= 1000) await tx.execute(sql`analyze products`);
    const planRows = items.flatMap((p) => p.plans.map((plan, position) => ({ product: p, plan, position })));
    const planIds = new Map<string, string>();
    for (const batch of chunks(planRows)) {
      const rows = await tx
        .insert(plans)
        .values(
          batch.map(({ product, plan, position }) => ({
            tenantId: catalogTenantId,
            productId: productIds.get(product.sku)!,
            sku: plan.sku,
            name: plan.name,
            billingPeriod: plan.billingPeriod,
            termMonths: plan.termMonths,
            minSeats: plan.minSeats,
            maxSeats: plan.maxSeats,
            cancellationWindowHours: plan.cancellationWindowHours,
            storefrontPlan: plan.storefrontPlan,
            position,
          })),
        )
        .onConflictDoUpdate({
          target: [plans.tenantId, plans.sku],
          set: {
            name: sql`excluded.name`,
            billingPeriod: sql`excluded.billing_period`,
            termMonths: sql`excluded.term_months`,
            minSeats: sql`excluded.min_seats`,
            maxSeats: sql`excluded.max_seats`,
            cancellationWindowHours: sql`excluded.cancellation_window_hours`,
            storefrontPlan: sql`excluded.storefront_plan`,
            position: sql`excluded.position`,
          },
        })
        .returning({ id: plans.id, sku: plans.sku, inserted: sql<boolean>`(xmax = 0)` });
      for (const r of rows) {
        planIds.set(r.sku, r.id);
        report.plans[r.inserted ? 'created' : 'updated']++;
      }
    }

    if (planRows.length >= 1000) await tx.execute(sql`analyze plans`);
    const priceRows = planRows.flatMap(({ plan }) =>
      Object.entries(plan.prices).map(([currency, p]) => ({ tenantId: catalogTenantId, planId: planIds.get(plan.sku)!, currency, ...p })),
    );
    for (const batch of chunks(priceRows)) {
      await tx
        .insert(planPrices)
        .values(batch)
        .onConflictDoUpdate({
          target: [planPrices.tenantId, planPrices.planId, planPrices.currency],
          set: { wholesale: sql`excluded.wholesale`, msrp: sql`excluded.msrp` },
        });
      report.prices += batch.length;
    }
    await indexCatalog(tx as unknown as Db, catalogTenantId);
    return report;
  });
}

/**
 * A slug or plan SKU already owned by a different product would be moved or clash, and an upgrade
 * path must lead to a product that exists (in this file or the catalog): refuse.
 */
async function findConflicts(db: Db, catalogTenantId: string, items: ProductDefinition[]): Promise<ImportIssue[]> {
  const issues: ImportIssue[] = [];
  const inFile = new Set(items.map((p) => p.sku));
  const named = [...new Set(items.flatMap((p) => p.upgradesTo))].filter((sku) => !inFile.has(sku));
  const known = new Set<string>();
  for (const batch of chunks(named)) {
    const rows = await db.select({ sku: products.sku }).from(products).where(and(eq(products.tenantId, catalogTenantId), inArray(products.sku, batch)));
    for (const r of rows) known.add(r.sku);
  }
  for (const p of items) {
    const unknown = p.upgradesTo.filter((sku) => !inFile.has(sku) && !known.has(sku));
    if (unknown.length) issues.push({ line: null, message: `product ${p.sku}: upgradesTo names ${unknown.join(', ')}, which is not a product of this file or the catalog` });
  }
  for (const batch of chunks(items)) {
    const slugs = await db
      .select({ slug: products.slug, sku: products.sku })
      .from(products)
      .where(and(eq(products.tenantId, catalogTenantId), inArray(products.slug, batch.map((p) => p.slug))));
    for (const row of slugs) {
      const item = batch.find((p) => p.slug === row.slug);
      if (item && item.sku !== row.sku) issues.push({ line: null, message: `product ${item.sku}: slug "${row.slug}" already belongs to product ${row.sku}` });
    }
    const planSkus = batch.flatMap((p) => p.plans.map((plan) => plan.sku));
    const owned = await db
      .select({ planSku: plans.sku, productSku: products.sku })
      .from(plans)
      .innerJoin(products, and(eq(products.tenantId, plans.tenantId), eq(products.id, plans.productId)))
      .where(and(eq(plans.tenantId, catalogTenantId), inArray(plans.sku, planSkus)));
    for (const row of owned) {
      const item = batch.find((p) => p.plans.some((plan) => plan.sku === row.planSku));
      if (item && item.sku !== row.productSku) issues.push({ line: null, message: `plan ${row.planSku} already belongs to product ${row.productSku}, not ${item.sku}` });
    }
  }
  return issues;
}

function failed(issues: ImportIssue[]): ImportReport {
  return { ok: false, issues, products: { created: 0, updated: 0 }, plans: { created: 0, updated: 0 }, prices: 0 };
}

function titleCase(slug: string): string {
  return slug.split('-').map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join(' ');
}
