import { expect, test } from '@playwright/test';
import { DEMO_TENANT_NAMES, getAs, site } from './helpers';
import { signIn } from './support/mailbox';

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/;

function expectNoTenantData(body: string) {
  for (const name of DEMO_TENANT_NAMES) expect(body).not.toContain(name);
}

test('an unknown host gets a neutral 404 page', async ({ page }) => {
  const response = await page.goto(site('nobody.localhost', '/pages/about'));
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Storefront not found');
  expectNoTenantData(await page.content());
});

test('an unverified custom domain is an unknown host', async ({ request }) => {
  const response = await getAs(request, 'store.globex.test');
  expect(response.status()).toBe(404);
  expectNoTenantData(await response.text());
});

test('a suspended reseller answers 503 without its name', async ({ request }) => {
  const response = await getAs(request, 'umbrella.localhost');
  expect(response.status()).toBe(503);
  expect(response.headers()['retry-after']).toBeTruthy();
  const body = await response.text();
  expect(body).toContain('temporarily unavailable');
  expectNoTenantData(body);
});

test('a Basic reseller’s host points to the distributor’s storefront', async ({ page }) => {
  const response = await page.goto(site('initech.localhost'));
  expect(response?.status()).toBe(404);
  await page.getByRole('link', { name: 'Go to the distributor’s storefront' }).click();
  await expect(page).toHaveURL(site('localhost'));
  await expect(page.getByTestId('store-name')).toHaveText('Northwind Distribution');
});

test('www. redirects to the canonical host', async ({ request }) => {
  const response = await getAs(request, 'www.acme.localhost', '/pages/about?x=1');
  expect(response.status()).toBe(308);
  expect(response.headers().location).toBe(site('acme.localhost', '/pages/about?x=1'));
});

test('another tenant written into the path stays on the current tenant and 404s', async ({ page }) => {
  for (const path of ['/globex.localhost/', '/globex.localhost/pages/about', '/de/globex.localhost']) {
    const response = await page.goto(site('acme.localhost', path));
    expect(response?.status(), path).toBe(404);
    expect(await page.content()).not.toContain('Globex');
  }
});

test('the internal tenant segment cannot be requested directly', async ({ page, request }) => {
  // Storefront pages carry no framework payload; the portal's (App Router) still names its segment.
  await signIn(page, 'globex.localhost', 'admin@globex.test');
  await page.goto(site('globex.localhost', '/admin'));
  const globexPage = await page.content();
  // The route's dynamic segment in the payload: `"tenant","t":"d","k":"<id>"` (escaped in its script).
  const globexId = new RegExp(`tenant.{1,40}?(${UUID.source})`).exec(globexPage)?.[1];
  expect(globexId, 'the tenant id appears in the page payload').toBeTruthy();
  for (const path of [`/${globexId}/de`, `/${globexId}/de/pages/about`, `/de/${globexId}/de`, `/${globexId}/de/x.png`]) {
    const response = await getAs(request, 'acme.localhost', path);
    expect(response.status(), path).toBe(404);
    expect(await response.text(), path).not.toContain('Globex');
  }
});

test('anonymous pages are served from the cache after the first render', async ({ request }) => {
  await getAs(request, 'acme.localhost', '/pages/privacy');
  const again = await getAs(request, 'acme.localhost', '/pages/privacy');
  expect(again.status()).toBe(200);
  expect(again.headers()['x-nextjs-cache']).toBe('HIT');
  // A different tenant's same path is its own cache entry with its own content.
  const globex = await getAs(request, 'globex.localhost', '/pages/privacy');
  expect(await globex.text()).toContain('Globex IT-Services');
});

test('the health endpoint reports the app and the database', async ({ request }) => {
  const response = await request.get(`http://127.0.0.1:${process.env.E2E_PORT || 3100}/api/health`);
  expect(response.status()).toBe(200);
  expect(await response.json()).toMatchObject({ status: 'ok', database: { status: 'ok', driver: 'pglite' } });
});
