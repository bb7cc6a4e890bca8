import { expect, test } from '@playwright/test';
import { getAs, PORT, site } from './helpers';

const locs = (xml: string) => [...xml.matchAll(/<loc>([^<]*)<\/loc>/g)].map((m) => m[1]!);

test('Acme’s sitemap lists Acme’s products on Acme’s host only, as valid XML', async ({ request, page }) => {
  const response = await getAs(request, 'acme.localhost', '/sitemap.xml');
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toContain('application/xml');
  const xml = await response.text();
  // Chromium's own XML parser reads it without an error.
  await page.goto(site('acme.localhost', '/pages/about'));
  const errors = await page.evaluate((text) => new DOMParser().parseFromString(text, 'application/xml').getElementsByTagName('parsererror').length, xml);
  expect(errors).toBe(0);
  const urls = locs(xml);
  expect(urls.length).toBeGreaterThan(10);
  for (const url of urls) expect(new URL(url).host).toBe(`acme.localhost:${PORT}`);
  // Acme sells Dropbox and Zoom, Globex does not; each sitemap follows its own storefront.
  expect(urls).toContain(`http://acme.localhost:${PORT}/products/dropbox-business-standard`);
  expect(urls).toContain(`http://acme.localhost:${PORT}/de/products/microsoft-365-business-basic`);
  const globex = locs(await (await getAs(request, 'globex.localhost', '/sitemap.xml')).text());
  expect(globex.some((u) => u.includes('dropbox'))).toBe(false);
  expect(globex.every((u) => new URL(u).host === `globex.localhost:${PORT}`)).toBe(true);
});

test('every product the sitemap lists opens on the storefront', async ({ request }) => {
  const urls = locs(await (await getAs(request, 'acme.localhost', '/sitemap.xml')).text()).filter((u) => u.includes('/products/'));
  for (const url of urls.slice(0, 6)) {
    const { pathname } = new URL(url);
    expect((await getAs(request, 'acme.localhost', pathname)).status(), pathname).toBe(200);
  }
});

test('Globex’s product page carries JSON-LD with Globex’s own EUR price', async ({ page }) => {
  await page.goto(site('globex.localhost', '/products/microsoft-365-business-basic'));
  const data = JSON.parse((await page.locator('script[type="application/ld+json"]').textContent())!);
  expect(data['@type']).toBe('Product');
  expect(data.name).toBe('Microsoft 365 Business Basic');
  const monthly = data.offers.find((o: { sku: string }) => o.sku === 'MS-M365-BASIC-M');
  expect(monthly.priceCurrency).toBe('EUR');
  // The same price the page shows (German formatting: "7,00 €").
  const shown = await page.locator('[data-testid="plan"][data-period="month"]').first().getByTestId('plan-price').locator('[data-price="EUR"]').textContent();
  expect(shown).toContain(monthly.price.replace('.', ','));
  // Acme's page for the same product carries Acme's own currency and price.
  await page.goto(site('acme.localhost', '/products/microsoft-365-business-basic'));
  const acme = JSON.parse((await page.locator('script[type="application/ld+json"]').textContent())!);
  const acmeMonthly = acme.offers.find((o: { sku: string }) => o.sku === 'MS-M365-BASIC-M');
  expect(acmeMonthly.priceCurrency).toBe('USD');
  expect(acmeMonthly.seller.name).toBe('Acme Cloud Solutions');
});

test('pages name their canonical address on the primary host and their other languages', async ({ page }) => {
  await page.goto(site('acme.localhost', '/products/microsoft-365-business-basic'));
  await expect(page.locator('link[rel="canonical"]')).toHaveAttribute('href', 'https://shop.acme.test/products/microsoft-365-business-basic');
  await expect(page.locator('link[rel="alternate"][hreflang="de"]')).toHaveAttribute('href', 'https://shop.acme.test/de/products/microsoft-365-business-basic');
  await expect(page.locator('meta[name="description"]')).toHaveAttribute('content', /.{20,}/);
  await expect(page.locator('meta[property="og:title"]')).toHaveAttribute('content', /Microsoft 365 Business Basic/);
  await page.goto(site('globex.localhost', '/fr'));
  await expect(page.locator('link[rel="canonical"]')).toHaveAttribute('href', site('globex.localhost', '/fr'));
  await expect(page.locator('meta[name="description"]')).toHaveAttribute('content', /abonnements cloud/);
});

test('robots.txt: a storefront names its sitemap; suspended, Basic and unknown hosts disallow everything', async ({ request }) => {
  const acme = await getAs(request, 'acme.localhost', '/robots.txt');
  expect(acme.status()).toBe(200);
  const text = await acme.text();
  expect(text).toContain(`Sitemap: http://acme.localhost:${PORT}/sitemap.xml`);
  expect(text).toContain('Disallow: /checkout');
  expect(text).not.toMatch(/^Disallow: \/$/m);
  for (const host of ['umbrella.localhost', 'initech.localhost', 'nobody.localhost']) {
    const robots = await getAs(request, host, '/robots.txt');
    expect(robots.status(), host).toBe(200);
    expect(await robots.text(), host).toBe('User-agent: *\nDisallow: /\n');
    expect((await getAs(request, host, '/sitemap.xml')).status(), host).toBe(404);
  }
});

test('the favicon and the apple-touch icon come from each storefront’s brand', async ({ request }) => {
  const acme = await getAs(request, 'acme.localhost', '/favicon.ico');
  expect(acme.status()).toBe(200);
  expect(acme.headers()['content-type']).toBe('image/png');
  const png = await acme.body();
  expect(png.subarray(1, 4).toString()).toBe('PNG');
  const globex = await (await getAs(request, 'globex.localhost', '/favicon.ico')).body();
  expect(globex.equals(png)).toBe(false);
  const apple = await getAs(request, 'acme.localhost', '/apple-touch-icon.png');
  expect(apple.status()).toBe(200);
  expect((await apple.body()).readUInt32BE(16)).toBe(180); // PNG width
});
