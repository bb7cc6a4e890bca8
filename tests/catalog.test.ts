import { readFile } from 'node:fs/promises';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importCatalogFile } from '@/lib/catalog/import';
import { getShelfProduct, listShelfProducts, shelfFacets } from '@/lib/catalog/queries';
import { markupRules, planPrices, plans, products } from '@/lib/db/schema';
import { loadPricingContext, resolveMarkup, type PricingContext } from '@/lib/pricing/offer';
import { seedDemo } from '@/lib/seed/demo';
import { findDistributor, findTenantBySlug } from '@/lib/tenancy/repo';
import type { Tenant } from '@/lib/tenancy/types';
import { createTestDatabase, driverName, type TestDatabase } from './helpers/db';

let test: TestDatabase;
const db = () => test.handle.db;
let northwind: Tenant;
const ctxOf = async (slug: string) => (await loadPricingContext(db(), (await findTenantBySlug(db(), slug))!)) as PricingContext;
const count = async (table: typeof products | typeof plans | typeof planPrices) =>
  (await db().select({ n: sql<number>`count(*)::int` }).from(table).where(eq(table.tenantId, northwind.id)))[0]!.n;

beforeAll(async () => {
  test = await createTestDatabase();
  await seedDemo(db());
  northwind = (await findDistributor(db()))!;
});
afterAll(async () => test?.drop());

describe(`catalog import on ${driverName}`, () => {
  it('re-importing the demo catalog creates nothing new', async () => {
    const text = await readFile('content/catalog/demo.json', 'utf8');
    const before = { products: await count(products), plans: await count(plans), prices: await count(planPrices) };
    const report = await importCatalogFile(db(), northwind.id, text, 'json');
    expect(report).toMatchObject({ ok: true, products: { created: 0, updated: 11 }, plans: { created: 0, updated: 26 } });
    expect({ products: await count(products), plans: await count(plans), prices: await count(planPrices) }).toEqual(before);
  });

  it('imports a CSV with decimal prices as exact minor units', async () => {
    const report = await importCatalogFile(db(), northwind.id, await readFile('tests/fixtures/catalog-good.csv', 'utf8'), 'csv');
    expect(report).toMatchObject({ ok: true, products: { created: 1 }, plans: { created: 2 }, prices: 4 });
    const rows = await db()
      .select({ sku: plans.sku, currency: planPrices.currency, wholesale: planPrices.wholesale, msrp: planPrices.msrp })
      .from(planPrices)
      .innerJoin(plans, and(eq(plans.tenantId, planPrices.tenantId), eq(plans.id, planPrices.planId)))
      .where(eq(plans.sku, 'NX-MAIL-Y'));
    expect(rows.sort((a, b) => a.currency.localeCompare(b.currency))).toEqual([
      { sku: 'NX-MAIL-Y', currency: 'EUR', wholesale: 3780, msrp: 4500 },
      { sku: 'NX-MAIL-Y', currency: 'USD', wholesale: 4100, msrp: 4860 },
    ]);
    const [product] = await db().select().from(products).where(eq(products.sku, 'NX-MAIL'));
    expect(product?.description.en).toBe('Hosted mail, with "spam" filtering');
  });

  it('imports nothing from a CSV with a bad row and names each bad line', async () => {
    const before = await count(products);
    const report = await importCatalogFile(db(), northwind.id, await readFile('tests/fixtures/catalog-bad.csv', 'utf8'), 'csv');
    expect(report.ok).toBe(false);
    expect(report.issues.map((i) => i.line)).toEqual([3, 4]);
    expect(report.issues[0]!.message).toMatch(/billingPeriod/);
    expect(report.issues[1]!.message).toMatch(/price in EUR must be a decimal amount/);
    expect(await count(products)).toBe(before);
    expect(await db().select().from(products).where(eq(products.sku, 'GOOD-1'))).toEqual([]);
  });

  it('imports nothing from JSON with a bad product and gives its line', async () => {
    const text = JSON.stringify(
      { products: [{ sku: 'J-OK', slug: 'j-ok', vendor: 'V', category: 'email', name: { en: 'Ok' }, description: { en: 'x' }, plans: [{ sku: 'J-OK-M', name: { en: 'M' }, billingPeriod: 'month', termMonths: 1, prices: { EUR: { wholesale: 100, msrp: 90 } } }] }] },
      null,
      2,
    );
    const report = await importCatalogFile(db(), northwind.id, text, 'json');
    expect(report.ok).toBe(false);
    expect(report.issues[0]).toMatchObject({ line: 4, message: expect.stringMatching(/MSRP must not be below the wholesale price/) });
    expect(await db().select().from(products).where(eq(products.sku, 'J-OK'))).toEqual([]);
  });

  it('refuses a slug that belongs to another product', async () => {
    const text = JSON.stringify({ products: [{ sku: 'OTHER', slug: 'nexus-mail', vendor: 'V', category: 'email', name: { en: 'X' }, description: { en: 'x' }, plans: [{ sku: 'OTHER-M', name: { en: 'M' }, billingPeriod: 'month', termMonths: 1, prices: { EUR: { wholesale: 1, msrp: 1 } } }] }] });
    const report = await importCatalogFile(db(), northwind.id, text, 'json');
    expect(report.issues[0]?.message).toMatch(/slug "nexus-mail" already belongs to product NX-MAIL/);
  });

  it('reports malformed JSON with a line', async () => {
    const report = await importCatalogFile(db(), northwind.id, '{\n  "products": [\n  }', 'json');
    expect(report.ok).toBe(false);
    expect(report.issues[0]?.message).toMatch(/not valid JSON/);
  });
});

describe(`storefront catalog on ${driverName}`, () => {
  const query = { page: 1, pageSize: 24, locale: 'en' };

  it('shows the same plan at the distributor’s MSRP and at each reseller’s own price', async () => {
    const slug = 'microsoft-365-business-basic';
    const price = async (tenant: string) => (await getShelfProduct(db(), await ctxOf(tenant), slug, ['EUR', 'USD']))!.plans[0]!.prices;
    const distributorCtx = (await loadPricingContext(db(), northwind))!;
    const msrp = (await getShelfProduct(db(), distributorCtx, slug, ['EUR']))!.plans[0]!.prices;
    // Wholesale €5.60, MSRP €6.75. Acme: Gold 20 % off → €4.48, +30 % → €5.83 (ceil), ends .99 → €5.99.
    expect(msrp).toEqual({ EUR: 675 });
    expect(await price('acme')).toEqual({ EUR: 599, USD: 699 });
    // Globex: Silver 10 % off → €5.04, +20 % → €6.05, whole units → €7.00.
    expect(await price('globex')).toEqual({ EUR: 700, USD: 700 });
  });

  it('applies the most specific markup: category over global, product over all', async () => {
    const acme = await ctxOf('acme');
    const security = await getShelfProduct(db(), acme, 'bitdefender-gravityzone-business', ['EUR']);
    // €2.40 → Gold €1.92 → +45 % (security) €2.79 (ceil of 2.784) → .99 → €2.99.
    expect(security!.plans[0]!.prices.EUR).toBe(299);
    const globex = await ctxOf('globex');
    const acronis = await getShelfProduct(db(), globex, 'acronis-cyber-protect-cloud', ['EUR', 'GBP']);
    // EUR: €7.90 → Silver €7.11 → +€2.50 fixed → €9.61 → whole €10.00; GBP has no fixed rule: +20 %.
    expect(acronis!.plans[0]!.prices).toEqual({ EUR: 1000, GBP: 800 });
  });

  it('hides products a reseller does not list, on every read', async () => {
    const globex = await ctxOf('globex');
    expect(await getShelfProduct(db(), globex, 'zoom-workplace-pro', ['EUR'])).toBeNull();
    const listing = await listShelfProducts(db(), globex, { ...query, q: 'zoom' }, ['EUR']);
    expect(listing.total).toBe(0);
    expect((await getShelfProduct(db(), await ctxOf('acme'), 'zoom-workplace-pro', ['USD']))?.name.en).toBe('Zoom Workplace Pro');
  });

  it('searches names and descriptions in every language with full-text search', async () => {
    const acme = await ctxOf('acme');
    const names = async (q: string) => (await listShelfProducts(db(), acme, { ...query, q }, ['USD'])).items.map((p) => p.slug);
    expect(await names('ransomware')).toEqual(['bitdefender-gravityzone-business']);
    expect(await names('Notfallwiederherstellung')).toEqual(['acronis-cyber-protect-cloud']);
    expect(await names('micro')).toHaveLength(3);
    expect(await names("'); drop table products; --")).toEqual([]);
  });

  it('filters by category, vendor and billing period and pages the results', async () => {
    const acme = await ctxOf('acme');
    const list = (extra: object) => listShelfProducts(db(), acme, { ...query, ...extra }, ['USD']);
    expect((await list({ category: 'security' })).items.map((p) => p.slug).sort()).toEqual([
      'bitdefender-gravityzone-business',
      'eset-protect-entry',
      'keeper-business',
    ]);
    expect((await list({ vendor: 'microsoft' })).total).toBe(2);
    expect((await list({ period: 'year' })).total).toBe(11);
    const page2 = await list({ pageSize: 4, page: 2 });
    expect(page2).toMatchObject({ total: 11, pages: 3, page: 2 });
    expect(page2.items).toHaveLength(4);
  });

  it('offers category navigation for listed products only', async () => {
    const facets = await shelfFacets(db(), await ctxOf('globex'));
    expect(facets.categories.map((c) => c.slug)).toEqual(['backup', 'productivity', 'security']);
  });

  it('resolves markups most specific first, fixed before percentage at the same level', () => {
    const rules = [
      { scope: 'all', categoryId: null, productId: null, kind: 'percent', basisPoints: 1000, currency: null, amount: null },
      { scope: 'category', categoryId: 'c', productId: null, kind: 'percent', basisPoints: 2000, currency: null, amount: null },
      { scope: 'category', categoryId: 'c', productId: null, kind: 'fixed', basisPoints: null, currency: 'EUR', amount: 150 },
      { scope: 'product', categoryId: null, productId: 'p', kind: 'percent', basisPoints: 3000, currency: null, amount: null },
    ] as const;
    expect(resolveMarkup([...rules], 'p', 'c', 'EUR')).toEqual({ kind: 'percent', basisPoints: 3000 });
    expect(resolveMarkup([...rules], 'q', 'c', 'EUR')).toEqual({ kind: 'fixed', amount: 150 });
    expect(resolveMarkup([...rules], 'q', 'c', 'USD')).toEqual({ kind: 'percent', basisPoints: 2000 });
    expect(resolveMarkup([...rules], 'q', 'd', 'USD')).toEqual({ kind: 'percent', basisPoints: 1000 });
    expect(resolveMarkup([], 'q', 'd', 'USD')).toBeNull();
  });

  it('keeps one markup per level, target and currency', async () => {
    const acme = await findTenantBySlug(db(), 'acme');
    await expect(
      db().insert(markupRules).values({ tenantId: acme!.id, catalogTenantId: northwind.id, scope: 'all', kind: 'percent', basisPoints: 100 }),
    ).rejects.toThrow();
  });
});
