import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { importCatalogFile } from '../catalog/import';
import type { Db } from '../db/client';
import { categories, markupRules, partnerTiers, products, resellerListings, resellerOffers, tenants } from '../db/schema';

const TIERS = [
  { name: 'Silver', discountBasisPoints: 1000 },
  { name: 'Gold', discountBasisPoints: 2000 },
  { name: 'Platinum', discountBasisPoints: 3000 },
];

type RuleSeed = { scope: 'all' | 'category' | 'product'; target?: string; kind: 'percent'; basisPoints: number } | {
  scope: 'all' | 'category' | 'product';
  target?: string;
  kind: 'fixed';
  currency: string;
  amount: number;
};

/** Each demo reseller's offer: tier, rounding, which products, which markups. */
const OFFERS: Record<string, { tier: string; rounding: 'none' | '99' | '95' | 'whole'; hidden?: string[]; rules: RuleSeed[] }> = {
  acme: {
    tier: 'Gold',
    rounding: '99',
    rules: [
      { scope: 'all', kind: 'percent', basisPoints: 3000 },
      { scope: 'category', target: 'security', kind: 'percent', basisPoints: 4500 },
    ],
  },
  globex: {
    tier: 'Silver',
    rounding: 'whole',
    hidden: ['zoom-workplace-pro', 'dropbox-business-standard'],
    rules: [
      { scope: 'all', kind: 'percent', basisPoints: 2000 },
      { scope: 'product', target: 'acronis-cyber-protect-cloud', kind: 'fixed', currency: 'EUR', amount: 250 },
    ],
  },
  initech: { tier: 'Silver', rounding: 'none', rules: [] },
  umbrella: { tier: 'Gold', rounding: '95', rules: [{ scope: 'all', kind: 'percent', basisPoints: 2500 }] },
};

/**
 * The demo catalog (content/catalog/demo.json, imported like any services definition), partner
 * tiers and the demo resellers' offers. Only fills what is missing, so edits survive a restart.
 */
export async function seedDemoCatalog(db: Db, distributorId: string): Promise<void> {
  await db.insert(partnerTiers).values(TIERS.map((t) => ({ ...t, tenantId: distributorId }))).onConflictDoNothing();
  const [{ count } = { count: 0 }] = await db.select({ count: sql<number>`count(*)::int` }).from(products).where(eq(products.tenantId, distributorId));
  if (count === 0) {
    const text = await readFile(path.join(process.cwd(), 'content', 'catalog', 'demo.json'), 'utf8');
    const report = await importCatalogFile(db, distributorId, text, 'json');
    if (!report.ok) throw new Error(`demo catalog: ${report.issues.map((i) => i.message).join('; ')}`);
  }
  const tiers = await db.select().from(partnerTiers).where(eq(partnerTiers.tenantId, distributorId));
  const resellers = await db.select({ id: tenants.id, slug: tenants.slug }).from(tenants).where(inArray(tenants.slug, Object.keys(OFFERS)));
  for (const reseller of resellers) {
    const offer = OFFERS[reseller.slug]!;
    const [created] = await db
      .insert(resellerOffers)
      .values({
        tenantId: reseller.id,
        catalogTenantId: distributorId,
        tierId: tiers.find((t) => t.name === offer.tier)!.id,
        listing: offer.hidden ? 'selected' : 'all',
        rounding: offer.rounding,
      })
      .onConflictDoNothing()
      .returning({ tenantId: resellerOffers.tenantId });
    if (!created) continue;
    if (offer.hidden) {
      const listed = await db
        .select({ id: products.id })
        .from(products)
        .where(and(eq(products.tenantId, distributorId), sql`${products.slug} not in ${offer.hidden}`));
      await db.insert(resellerListings).values(listed.map((p) => ({ tenantId: reseller.id, catalogTenantId: distributorId, productId: p.id })));
    }
    for (const rule of offer.rules) {
      const target = rule.target ? await targetId(db, distributorId, rule.scope, rule.target) : {};
      await db.insert(markupRules).values({
        tenantId: reseller.id,
        catalogTenantId: distributorId,
        scope: rule.scope,
        ...target,
        kind: rule.kind,
        ...(rule.kind === 'percent' ? { basisPoints: rule.basisPoints } : { currency: rule.currency, amount: rule.amount }),
      });
    }
  }
}

async function targetId(db: Db, distributorId: string, scope: string, slug: string) {
  if (scope === 'category') {
    const [c] = await db.select({ id: categories.id }).from(categories).where(and(eq(categories.tenantId, distributorId), eq(categories.slug, slug)));
    return { categoryId: c!.id };
  }
  const [p] = await db.select({ id: products.id }).from(products).where(and(eq(products.tenantId, distributorId), eq(products.slug, slug)));
  return { productId: p!.id };
}
