import { eq, inArray, sql } from 'drizzle-orm';
import { importCatalog } from '../catalog/import';
import type { ProductDefinition } from '../catalog/definition';
import type { Db } from '../db/client';
import { categories, markupRules, partnerTiers, resellerOffers, tenants } from '../db/schema';

const VENDORS = ['Microsoft', 'Google', 'Acronis', 'Bitdefender', 'ESET', 'Dropbox', 'Zoom', 'Keeper', 'Veeam', 'Adobe', 'Atlassian', 'Cisco', 'Sophos', 'Kaspersky', 'Salesforce', 'Slack', 'Box', 'Autodesk', 'Trend Micro', 'N-able'];
const CATEGORIES = ['productivity', 'security', 'backup', 'collaboration', 'email', 'design', 'development', 'networking', 'crm', 'storage'];
const WORDS = ['Cloud', 'Business', 'Pro', 'Suite', 'Protect', 'Secure', 'Team', 'Enterprise', 'Essentials', 'Plus', 'Workspace', 'Connect', 'Vault', 'Sync', 'Mail', 'Backup', 'Endpoint', 'Analytics', 'Studio', 'Hub'];
const PLAN_SHAPES = [
  { suffix: 'M', period: 'month', term: 1, name: 'Monthly' },
  { suffix: 'Y', period: 'year', term: 12, name: 'Annual' },
  { suffix: 'MY', period: 'month', term: 12, name: 'Annual, paid monthly' },
  { suffix: 'Y3', period: 'year', term: 36, name: 'Three years' },
  { suffix: 'E', period: 'month', term: 1, name: 'Enterprise monthly' },
] as const;

/** A deterministic catalog of `products` products with five plans each (priced in EUR, USD, GBP). */
export function largeCatalog(products: number): ProductDefinition[] {
  return Array.from({ length: products }, (_, i) => {
    const n = String(i + 1).padStart(6, '0');
    const vendor = VENDORS[i % VENDORS.length]!;
    const name = `${vendor} ${WORDS[i % WORDS.length]} ${WORDS[(i * 7 + 3) % WORDS.length]} ${n}`;
    const base = 100 + ((i * 37) % 4900);
    return {
      sku: `LG-${n}`,
      slug: `large-${n}`,
      vendor,
      category: CATEGORIES[i % CATEGORIES.length]!,
      type: 'saas',
      resaleOnly: i % 50 === 0,
      connector: 'demo',
      connectorUrl: null,
      featured: i < 6,
      upgradesTo: [],
      name: { en: name },
      description: { en: `${name}: generated for the large benchmark catalog.` },
      plans: PLAN_SHAPES.map((shape, k) => {
        const monthly = base + k * 25;
        const amount = shape.period === 'year' ? monthly * 12 : monthly;
        const price = (factor: number) => ({ wholesale: Math.round(amount * factor), msrp: Math.round(amount * factor * 1.25) });
        return {
          sku: `LG-${n}-${shape.suffix}`,
          name: { en: shape.name },
          billingPeriod: shape.period,
          termMonths: shape.term,
          minSeats: 1,
          maxSeats: 1000,
          cancellationWindowHours: 168,
          storefrontPlan: null,
          prices: { EUR: price(1), USD: price(1.08), GBP: price(0.86) },
        };
      }),
    };
  });
}

/**
 * `resellers` Free-plan resellers `reseller-0001…` with offers (tiers and markups varying) on top of
 * `products` generated products: the data set of the catalog benchmark. Idempotent.
 */
export async function seedLarge(db: Db, options: { resellers: number; products: number }): Promise<void> {
  const [distributor] = await db.select().from(tenants).where(eq(tenants.kind, 'distributor'));
  if (!distributor) throw new Error('seed the demo first: no distributor');
  const report = await importCatalog(db, distributor.id, largeCatalog(options.products));
  if (!report.ok) throw new Error(report.issues.map((i) => i.message).join('; '));

  const tiers = await db.select().from(partnerTiers).where(eq(partnerTiers.tenantId, distributor.id));
  const cats = await db.select().from(categories).where(eq(categories.tenantId, distributor.id));
  const slugs = Array.from({ length: options.resellers }, (_, i) => `reseller-${String(i + 1).padStart(4, '0')}`);
  for (let start = 0; start < slugs.length; start += 500) {
    const batch = slugs.slice(start, start + 500);
    await db
      .insert(tenants)
      .values(
        batch.map((slug, j) => ({
          slug,
          name: `Reseller ${slug.slice(9)}`,
          kind: 'reseller' as const,
          parentId: distributor.id,
          plan: 'free' as const,
          storefrontOpenedAt: new Date(),
          theme: ['classic', 'bold', 'studio'][(start + j) % 3]!,
          defaultLocale: 'en',
          locales: ['en', 'de'],
          defaultCurrency: (start + j) % 2 ? 'EUR' : 'USD',
          currencies: ['EUR', 'USD'],
        })),
      )
      .onConflictDoNothing();
    const rows = await db.select({ id: tenants.id, slug: tenants.slug }).from(tenants).where(inArray(tenants.slug, batch));
    const created = await db
      .insert(resellerOffers)
      .values(rows.map((r, j) => ({ tenantId: r.id, catalogTenantId: distributor.id, tierId: tiers[j % tiers.length]!.id, rounding: (['none', '99', '95', 'whole'] as const)[j % 4] })))
      .onConflictDoNothing()
      .returning({ tenantId: resellerOffers.tenantId });
    if (created.length) {
      await db.insert(markupRules).values(
        created.flatMap((r, j) => [
          { tenantId: r.tenantId, catalogTenantId: distributor.id, scope: 'all' as const, kind: 'percent' as const, basisPoints: 1000 + (j % 30) * 100 },
          { tenantId: r.tenantId, catalogTenantId: distributor.id, scope: 'category' as const, categoryId: cats[j % cats.length]!.id, kind: 'percent' as const, basisPoints: 4000 },
        ]),
      );
    }
  }
  await db.execute(sql`analyze`);
}
