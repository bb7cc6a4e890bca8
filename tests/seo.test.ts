import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tenants } from '@/lib/db/schema';
import { seedDemo } from '@/lib/seed/demo';
import { alternates } from '@/lib/seo/links';
import { robotsTxt, SITEMAP_LIMIT, sitemapIndexXml, sitemapParts, sitemapPaths, sitemapXml } from '@/lib/seo/sitemap';
import { jsonLdScript, productJsonLd } from '@/lib/seo/structured-data';
import type { ShelfProduct } from '@/lib/catalog/queries';
import { findTenantBySlug, primaryHostname } from '@/lib/tenancy/repo';
import { createTestDatabase, driverName, type TestDatabase } from './helpers/db';

const site = { locales: ['de', 'fr', 'en'], defaultLocale: 'de' };
const count = (xml: string, tag: string) => xml.split(`<${tag}>`).length - 1;

describe('sitemap', () => {
  it('names every page in every language, with its alternates', () => {
    const xml = sitemapXml('https://shop.example', site, sitemapPaths(['m365'], ['about']));
    expect(count(xml, 'url')).toBe(4 * 3);
    expect(xml).toContain('<loc>https://shop.example/products/m365</loc>');
    expect(xml).toContain('<loc>https://shop.example/fr/products/m365</loc>');
    expect(xml).toContain('<loc>https://shop.example/en/pages/about</loc>');
    expect(xml).toContain('hreflang="x-default" href="https://shop.example/products/m365"');
  });

  it('splits past 50,000 addresses: the index lists the parts, each part at most 50,000', () => {
    const slugs = Array.from({ length: 20_000 }, (_, i) => `p-${i}`);
    const paths = sitemapPaths(slugs, []);
    const parts = sitemapParts(site, paths.length);
    expect(parts).toBe(2); // 20,002 paths × 3 languages = 60,006 addresses
    const first = sitemapXml('https://shop.example', site, paths, 1);
    const second = sitemapXml('https://shop.example', site, paths, 2);
    expect(count(first, 'url')).toBe(SITEMAP_LIMIT);
    expect(count(second, 'url')).toBe(60_006 - SITEMAP_LIMIT);
    expect(second).toContain('/en/products/p-19999</loc>');
    expect(first).not.toContain('/en/products/p-19999</loc>');
    const index = sitemapIndexXml('https://shop.example', parts);
    expect(index).toContain('<loc>https://shop.example/sitemaps/2.xml</loc>');
    expect(count(index, 'sitemap')).toBe(2);
  });

  it('stays one file up to the limit', () => {
    expect(sitemapParts({ locales: ['en'], defaultLocale: 'en' }, SITEMAP_LIMIT)).toBe(1);
    expect(sitemapParts({ locales: ['en'], defaultLocale: 'en' }, SITEMAP_LIMIT + 1)).toBe(2);
  });

  it('escapes what XML would read as markup', () => {
    expect(sitemapXml('https://a.example', { locales: ['en'], defaultLocale: 'en' }, ['/x?a=1&b=2'])).toContain('<loc>https://a.example/x?a=1&amp;b=2</loc>');
  });
});

describe('robots.txt', () => {
  it('keeps personal pages and search results out in every language and names the sitemap', () => {
    const robots = robotsTxt('https://shop.example', site);
    for (const path of ['/account', '/cart', '/checkout', '/admin', '/signin', '/products?q=', '/fr/account', '/en/checkout', '/api/']) {
      expect(robots).toContain(`Disallow: ${path}\n`);
    }
    expect(robots).not.toContain('Disallow: /de/');
    expect(robots).not.toMatch(/^Disallow: \/$/m);
    expect(robots).toContain('Sitemap: https://shop.example/sitemap.xml');
  });
});

describe('hreflang alternates', () => {
  it('has no prefix for the default language and an x-default', () => {
    expect(alternates('https://s.example', site, '/')).toEqual({ de: 'https://s.example/', fr: 'https://s.example/fr', en: 'https://s.example/en', 'x-default': 'https://s.example/' });
  });
});

describe('product structured data', () => {
  const product: ShelfProduct = {
    id: 'p1',
    slug: 'evil',
    sku: 'EVIL-1',
    name: { en: '</script><script>alert(1)</script>' },
    description: { en: 'Mail & more' },
    vendor: 'Vendor',
    vendorSlug: 'vendor',
    category: { en: 'Security' },
    categorySlug: 'security',
    type: 'saas',
    resaleOnly: false,
    plans: [
      { id: 'a', sku: 'EVIL-M', name: { en: 'Monthly' }, billingPeriod: 'month', termMonths: 1, minSeats: 1, maxSeats: 10, cancellationWindowHours: 72, prices: { EUR: 700, USD: 800 } },
      { id: 'b', sku: 'EVIL-Y', name: { en: 'Annual' }, billingPeriod: 'year', termMonths: 12, minSeats: 1, maxSeats: 10, cancellationWindowHours: 72, prices: { USD: 8000 } },
    ],
  };

  it('offers the plans priced in the storefront’s currency, as decimals', () => {
    const data = productJsonLd(product, { locale: 'en', url: 'https://s.example/products/evil', currency: 'EUR', seller: 'Globex' }) as { offers: { price: string; priceCurrency: string; sku: string }[] };
    expect(data.offers).toHaveLength(1);
    expect(data.offers[0]).toMatchObject({ price: '7.00', priceCurrency: 'EUR', sku: 'EVIL-M' });
  });

  it('cannot close its script element, and reads back as the same data', () => {
    const data = productJsonLd(product, { locale: 'en', url: 'https://s.example/p', currency: 'USD', seller: 'S' });
    const script = jsonLdScript(data);
    expect(script).not.toContain('</script');
    expect(script).not.toContain('<');
    expect(JSON.parse(script)).toEqual(data);
  });
});

describe(`primary host on ${driverName}`, () => {
  let test: TestDatabase;
  beforeAll(async () => {
    test = await createTestDatabase();
    await seedDemo(test.handle.db);
  });
  afterAll(async () => test?.drop());

  it('is a verified custom domain where the plan serves one, otherwise the platform subdomain', async () => {
    const db = test.handle.db;
    const acme = (await findTenantBySlug(db, 'acme'))!;
    const globex = (await findTenantBySlug(db, 'globex'))!;
    const northwind = (await db.select().from(tenants).where(eq(tenants.kind, 'distributor')))[0]!;
    expect(await primaryHostname(db, acme, 'shop.example')).toBe('shop.acme.test');
    // Globex's custom domain is not verified (and its Free plan has none).
    expect(await primaryHostname(db, globex, 'shop.example')).toBe('globex.shop.example');
    expect(await primaryHostname(db, { ...acme, plan: 'free' }, 'shop.example')).toBe('acme.shop.example');
    expect(await primaryHostname(db, { id: northwind.id, slug: northwind.slug, kind: 'distributor', plan: northwind.plan }, 'shop.example')).toBe('shop.example');
  });
});
