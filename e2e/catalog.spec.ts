import { expect, test, type APIRequestContext, type APIResponse, type Page } from '@playwright/test';
import { getAs, PORT, site } from './helpers';

const M365 = '/products/microsoft-365-business-basic';

/** The price the visitor sees on the first visible plan (other currencies are hidden by CSS). */
async function shownPrice(page: Page): Promise<string> {
  const price = page.getByTestId('plan').filter({ visible: true }).first().locator('[data-price]').filter({ visible: true });
  await expect(price).toHaveCount(1);
  return (await price.textContent())!.replace(/\u00a0/g, ' ');
}

test('the same plan has the distributor’s and each reseller’s own price, per locale and currency', async ({ page }) => {
  await page.goto(site('localhost', M365));
  expect(await shownPrice(page)).toBe('€6.75');
  await page.goto(site('localhost', `/de${M365}`));
  expect(await shownPrice(page)).toBe('6,75 €');

  await page.goto(site('acme.localhost', M365));
  expect(await shownPrice(page)).toBe('$6.99');
  await page.getByTestId('currency-switcher').getByRole('link', { name: 'EUR' }).click();
  await expect(page).toHaveURL(site('acme.localhost', M365));
  expect(await shownPrice(page)).toBe('€5.99');
  // The choice is remembered on this storefront, in every language.
  await page.goto(site('acme.localhost', `/de${M365}`));
  expect(await shownPrice(page)).toBe('5,99 €');

  await page.goto(site('globex.localhost', M365));
  await expect(page.getByRole('heading', { level: 2, name: 'Tarife' })).toBeVisible();
  expect(await shownPrice(page)).toBe('7,00 €');
  await page.goto(site('globex.localhost', `/fr${M365}`));
  await expect(page.getByRole('heading', { level: 2, name: 'Offres' })).toBeVisible();
  expect(await shownPrice(page)).toBe('7,00 €');
  await page.getByTestId('currency-switcher').getByRole('link', { name: 'GBP' }).click();
  expect(await shownPrice(page)).toBe('6,00 £GB');
});

test('monthly and annual plans switch without a script', async ({ page }) => {
  await page.goto(site('acme.localhost', M365));
  await expect(page.getByTestId('plan').filter({ visible: true })).toHaveText(/Monthly, no commitment/);
  await page.getByText('Billed annually').click();
  const annual = page.getByTestId('plan').filter({ visible: true });
  await expect(annual).toHaveCount(1);
  await expect(annual).toHaveText(/Annual commitment.*\/ user \/ year.*12 months commitment/);
});

test('a product the reseller does not list is not found on its storefront', async ({ request }) => {
  expect((await getAs(request, 'globex.localhost', '/products/zoom-workplace-pro')).status()).toBe(404);
  expect((await getAs(request, 'acme.localhost', '/products/zoom-workplace-pro')).status()).toBe(200);
  const listing = await (await getAs(request, 'globex.localhost', '/products?q=zoom')).text();
  expect(listing).toContain('Keine Produkte gefunden');
});

test('visitors browse by category and search the catalog', async ({ page }) => {
  await page.goto(site('acme.localhost', '/products'));
  await expect(page.getByTestId('result-count')).toHaveText('10 products');
  await page.getByTestId('categories').getByRole('link', { name: 'Security' }).click();
  await expect(page.getByTestId('result-count')).toHaveText('3 products');
  await page.getByRole('searchbox').fill('ransomware');
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page).toHaveURL(/category=security/);
  await expect(page.getByTestId('result-count')).toHaveText('1 product');
  await expect(page.getByTestId('product-list')).toContainText('Bitdefender GravityZone Business Security');
  await expect(page.getByTestId('product-list')).toContainText('from $2.75 per user / month', { useInnerText: true });
});

test('the home page features products with the storefront’s prices', async ({ page }) => {
  await page.goto(site('globex.localhost'));
  await expect(page.getByTestId('featured')).toContainText('Acronis Cyber Protect Cloud');
  await expect(page.getByTestId('featured').getByTestId('from-price').first()).toContainText('ab');
});

test.describe.serial('a reseller changes a markup through the API', () => {
  // fetch() drops a Host header; Playwright's request context sends it.
  const api = (request: APIRequestContext, host: string, path: string, init: { method?: string; key?: string; body?: unknown } = {}) =>
    request.fetch(`http://127.0.0.1:${PORT}${path}`, {
      method: init.method ?? 'GET',
      headers: { host: `${host}:${PORT}`, 'content-type': 'application/json', ...(init.key ? { authorization: `Bearer ${init.key}` } : {}) },
      data: init.body === undefined ? undefined : Buffer.from(typeof init.body === 'string' ? init.body : JSON.stringify(init.body)),
    });

  test('the new price shows at once on that storefront and nowhere else', async ({ page, request }) => {
    const eset = '/products/eset-protect-entry';
    await page.goto(site('acme.localhost', eset));
    expect(await shownPrice(page)).toBe('$3.99');
    await page.goto(site('globex.localhost', eset));
    expect(await shownPrice(page)).toBe('4,00 €');

    const response = await api(request, 'acme.localhost', '/api/v1/markup-rules', {
      method: 'PUT',
      key: 'cf_demo_acme_local_only',
      body: { scope: 'product', product: 'eset-protect-entry', kind: 'percent', basisPoints: 10000 },
    });
    expect(response.status()).toBe(200);

    await page.goto(site('acme.localhost', eset));
    expect(await shownPrice(page)).toBe('$5.99');
    await page.goto(site('globex.localhost', eset));
    expect(await shownPrice(page)).toBe('4,00 €');
  });

  test('bad requests get a clear error and change nothing', async ({ request }) => {
    const before = await (await api(request, 'acme.localhost', '/api/v1/markup-rules', { key: 'cf_demo_acme_local_only' })).json();
    const cases: [APIResponse, number, RegExp][] = [
      [await api(request, 'acme.localhost', '/api/v1/markup-rules'), 401, /valid API key/],
      [await api(request, 'globex.localhost', '/api/v1/markup-rules', { key: 'cf_demo_acme_local_only' }), 401, /valid API key/],
      [await api(request, 'acme.localhost', '/api/v1/markup-rules', { method: 'PUT', key: 'cf_demo_acme_local_only', body: '{not json' }), 400, /must be JSON/],
      [
        await api(request, 'acme.localhost', '/api/v1/markup-rules', { method: 'PUT', key: 'cf_demo_acme_local_only', body: { scope: 'all', kind: 'percent', basisPoints: -500 } }),
        422,
        /below your cost: .+ \([A-Z0-9-]+, [A-Z]{3}\)/,
      ],
      [
        await api(request, 'acme.localhost', '/api/v1/markup-rules', { method: 'PUT', key: 'cf_demo_acme_local_only', body: { scope: 'product', product: 'no-such-thing', kind: 'percent', basisPoints: 1 } }),
        404,
        /no product "no-such-thing"/,
      ],
      [
        await api(request, 'acme.localhost', '/api/v1/markup-rules', { method: 'PUT', key: 'cf_demo_acme_local_only', body: { scope: 'all', kind: 'fixed', currency: 'GBP', amount: 100 } }),
        422,
        /does not sell in GBP/,
      ],
    ];
    for (const [response, status, message] of cases) {
      expect(response.status()).toBe(status);
      const { error } = (await response.json()) as { error: { message: string; details?: string[] } };
      expect([error.message, ...(error.details ?? [])].join(' ')).toMatch(message);
    }
    expect(await (await api(request, 'acme.localhost', '/api/v1/markup-rules', { key: 'cf_demo_acme_local_only' })).json()).toEqual(before);
  });
});
