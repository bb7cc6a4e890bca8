import { expect, test, type Page } from '@playwright/test';
import { site } from './helpers';

async function brand(page: Page) {
  return page.evaluate(() => {
    const style = getComputedStyle(document.documentElement);
    const heading = document.querySelector('h1');
    return {
      primary: style.getPropertyValue('--cf-color-primary').trim(),
      radius: style.getPropertyValue('--cf-radius').trim(),
      headingFont: heading ? getComputedStyle(heading).fontFamily : '',
      layout: document.querySelector('[data-theme-layout]')?.getAttribute('data-theme-layout'),
    };
  });
}

test('each demo host shows its own brand, theme and layout', async ({ page }, testInfo) => {
  const storefronts = [
    { host: 'localhost', name: 'Northwind Distribution', heading: 'Welcome to Northwind Distribution' },
    { host: 'acme.localhost', name: 'Acme Cloud Solutions', heading: 'Welcome to Acme Cloud Solutions' },
    { host: 'globex.localhost', name: 'Globex IT-Services', heading: 'Willkommen bei Globex IT-Services' },
  ];
  const seen = [];
  for (const { host, name, heading } of storefronts) {
    const response = await page.goto(site(host));
    expect(response?.status()).toBe(200);
    await expect(page).toHaveTitle(name);
    await expect(page.getByTestId('store-name')).toHaveText(name);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(heading);
    seen.push(await brand(page));
    await testInfo.attach(`storefront-${host}`, { body: await page.screenshot(), contentType: 'image/png' });
  }
  // Three different brands: colours, corner radius, heading typeface and page layout all differ.
  for (const key of ['primary', 'radius', 'headingFont', 'layout'] as const) {
    expect(new Set(seen.map((s) => s[key])).size, key).toBe(3);
  }
  expect(seen[1]?.primary).toBe('#b91c1c');
  // Globex overrides its theme's primary colour.
  expect(seen[2]?.primary).toBe('#4338ca');
  expect(seen.map((s) => s.layout)).toEqual(['topbar', 'band', 'sidebar']);
});

test('a verified custom domain serves its reseller', async ({ page }) => {
  await page.goto(`http://shop.acme.test:${process.env.E2E_PORT || 3100}/`);
  await expect(page.getByTestId('store-name')).toHaveText('Acme Cloud Solutions');
});

test('content pages carry the storefront’s name', async ({ page }) => {
  await page.goto(site('acme.localhost', '/pages/about'));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('About Acme Cloud Solutions');
  await page.getByRole('link', { name: 'Terms' }).click();
  await expect(page).toHaveURL(site('acme.localhost', '/pages/terms'));
  await expect(page.getByText('every order placed with Acme Cloud Solutions')).toBeVisible();
});

test('the home page ships no script of its own beyond the framework', async ({ page }) => {
  const scripts: string[] = [];
  page.on('request', (r) => r.resourceType() === 'script' && scripts.push(r.url()));
  await page.goto(site('globex.localhost'));
  await page.waitForLoadState('networkidle');
  // Only Next's runtime chunks, all from this origin; a theme switch adds none.
  expect(scripts.every((url) => url.startsWith(site('globex.localhost', '/_next/static/')))).toBe(true);
});
