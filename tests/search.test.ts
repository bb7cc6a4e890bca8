import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importCatalogFile } from '@/lib/catalog/import';
import { listShelfProducts } from '@/lib/catalog/queries';
import { searchWords } from '@/lib/catalog/search';
import { cachedSearch, forgetSearches } from '@/lib/catalog/search-cache';
import { loadPricingContext, type PricingContext } from '@/lib/pricing/offer';
import { seedDemo } from '@/lib/seed/demo';
import { findDistributor, findTenantBySlug } from '@/lib/tenancy/repo';
import { createTestDatabase, driverName, type TestDatabase } from './helpers/db';

let test: TestDatabase;
const db = () => test.handle.db;
const ctxOf = async (slug: string) => (await loadPricingContext(db(), (await findTenantBySlug(db(), slug))!)) as PricingContext;
const query = { page: 1, pageSize: 24, locale: 'en' };

beforeAll(async () => {
  test = await createTestDatabase();
  await seedDemo(db());
});
afterAll(async () => test?.drop());

async function search(store: string, q: string, extra: object = {}) {
  const ctx = await ctxOf(store);
  return listShelfProducts(db(), ctx, { ...query, ...extra, q }, [store === 'acme' ? 'USD' : 'EUR']);
}
const slugs = async (store: string, q: string) => (await search(store, q)).items.map((p) => p.slug);

describe(`storefront search on ${driverName}`, () => {
  it('finds Microsoft 365 behind a misspelt "micorsoft 365"', async () => {
    const found = await slugs('acme', 'micorsoft 365');
    expect(found).toContain('microsoft-365-business-basic');
    expect(found).toContain('microsoft-365-business-standard');
    // Other typos in names and vendors.
    expect(await slugs('acme', 'bitdefendr')).toEqual(['bitdefender-gravityzone-business']);
    expect(await slugs('acme', 'acornis backup')).toContain('acronis-cyber-protect-cloud');
  });

  it('searches the vendor and the plan names, not only the product', async () => {
    // A product whose name names neither its vendor nor its plans; Acme lists every product.
    const northwind = (await findDistributor(db()))!;
    const product = {
      sku: 'NS-VAULT', slug: 'cyber-vault', vendor: 'Northstar Labs', category: 'security', type: 'saas', resaleOnly: false, connector: 'manual', featured: false,
      name: { en: 'Cyber Vault' }, description: { en: 'Encrypted storage for documents.' },
      plans: [{ sku: 'NS-VAULT-M', name: { en: 'Platinum tier', de: 'Platin-Stufe' }, billingPeriod: 'month', termMonths: 1, minSeats: 1, maxSeats: 10, cancellationWindowHours: 72, prices: { USD: { wholesale: 500, msrp: 900 } } }],
    };
    const report = await importCatalogFile(db(), northwind.id, JSON.stringify({ products: [product] }), 'json');
    expect(report.ok).toBe(true);
    expect(await slugs('acme', 'northstar')).toEqual(['cyber-vault']);
    expect(await slugs('acme', 'platin stufe')).toEqual(['cyber-vault']);
    expect(await slugs('acme', 'platinum')).toEqual(['cyber-vault']);
    // The German name of the demo's annual plans.
    expect((await search('globex', 'Jahresvertrag')).total).toBeGreaterThan(3);
  });

  it('ranks a name match above a mention in a description', async () => {
    const found = await slugs('acme', 'microsoft');
    expect(found.slice(0, 2).sort()).toEqual(['microsoft-365-business-basic', 'microsoft-365-business-standard']);
    expect(found).toContain('veeam-backup-for-microsoft-365');
  });

  it('never returns a product the storefront does not sell, spelt right or wrong', async () => {
    expect(await slugs('acme', 'dropbox')).toEqual(['dropbox-business-standard']);
    expect(await slugs('globex', 'dropbox')).toEqual([]);
    expect(await slugs('globex', 'dropbx')).toEqual([]);
    expect(await slugs('globex', 'zoom workplace')).toEqual([]);
  });

  it('pages stably: every result once, in the same order on every read', async () => {
    const all = await search('acme', 'business', { pageSize: 50 });
    expect(all.total).toBeGreaterThan(4);
    const paged: string[] = [];
    for (let page = 1; page <= Math.ceil(all.total / 2); page++) paged.push(...(await search('acme', 'business', { pageSize: 2, page })).items.map((p) => p.slug));
    expect(paged).toEqual(all.items.map((p) => p.slug));
    expect(new Set(paged).size).toBe(paged.length);
  });

  it('reads operators, quotes and backslashes as text: results or none, never an error', async () => {
    for (const q of ["micro:* | !zoom", '"microsoft', 'a\\b\\', "'); drop table products; --", '&&&', '!', '(365', '*', 'micro <-> soft', 'ä\u0000ö', 'x'.repeat(100)]) {
      const result = await search('acme', q);
      expect(Array.isArray(result.items), q).toBe(true);
    }
    expect(await slugs('acme', 'micro:* | !zoom')).toEqual(await slugs('acme', 'micro zoom'));
  });

  it('keeps only words, at most eight', () => {
    expect(searchWords(`Micro:*soft & "365" \\ (E3)`)).toEqual(['micro', 'soft', '365', 'e3']);
    expect(searchWords('a b c d e f g h i j')).toHaveLength(8);
  });
});

describe('search results in memory', () => {
  it('reads a query once however many ask at the same time, and again after a change', async () => {
    let reads = 0;
    const load = async () => {
      reads++;
      await new Promise((r) => setTimeout(r, 20));
      return { items: [`read ${reads}`] };
    };
    const answers = await Promise.all(Array.from({ length: 10 }, () => cachedSearch('t1|en|microsoft', load)));
    expect(reads).toBe(1);
    expect(new Set(answers.map((a) => a.items[0]))).toEqual(new Set(['read 1']));
    expect((await cachedSearch('t2|en|microsoft', load)).items[0]).toBe('read 2');
    // A change while a read is under way: its old answer is not kept.
    const during = cachedSearch('t1|en|zoom', load);
    forgetSearches();
    await during;
    expect((await cachedSearch('t1|en|zoom', load)).items[0]).toBe('read 4');
    expect((await cachedSearch('t1|en|microsoft', load)).items[0]).toBe('read 5');
  });
});

describe(`bounded search on ${driverName}`, () => {
  it('ranks only a candidate set, name matches first, and still pages it stably', async () => {
    const ctx = await ctxOf('acme');
    const capped = (page: number) => listShelfProducts(db(), ctx, { ...query, q: 'microsoft', pageSize: 1, page }, ['USD'], { candidates: 2 });
    const first = await capped(1);
    // Three products carry Microsoft in their names; the candidates are the first two by SKU.
    expect(first.total).toBe(2);
    const slugs = [first.items[0]!.slug, (await capped(2)).items[0]!.slug].sort();
    expect(slugs).toEqual(['microsoft-365-business-basic', 'microsoft-365-business-standard']);
    // "Backup" is in Veeam's name and only in Acronis's description (whose SKU sorts first).
    const backup = await listShelfProducts(db(), ctx, { ...query, q: 'backup' }, ['USD'], { candidates: 1 });
    expect(backup.items.map((p) => p.slug)).toEqual(['veeam-backup-for-microsoft-365']);
    expect((await listShelfProducts(db(), ctx, { ...query, q: 'backup' }, ['USD'])).items.map((p) => p.slug)).toContain('acronis-cyber-protect-cloud');
    expect((await capped(3)).items).toEqual([]);
  });
});
