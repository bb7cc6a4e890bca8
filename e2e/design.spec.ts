import { expect, test, type Page } from '@playwright/test';
import { getAs, site } from './helpers';
import { signIn } from './support/mailbox';

const SHOTS = process.env.E2E_SCREENSHOTS;
const NEW_PRIMARY = '#0f766e';
// Scripts and handlers an uploaded SVG must never carry to a browser.
const HOSTILE_SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="240" height="60" onload="alert('onload')">
  <script>alert('script')</script>
  <rect width="240" height="60" rx="8" fill="${NEW_PRIMARY}"/>
  <circle cx="30" cy="30" r="18" fill="#fbbf24"/>
</svg>`;

const primaryOf = (page: Page) => page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--cf-color-primary').trim());

test.describe.configure({ mode: 'serial' });

test('Acme’s admin changes colour and logo in a draft, previews it, publishes, and rolls back', async ({ page, browser, request }) => {
  test.setTimeout(90_000);
  const customer = await browser.newPage();
  await customer.goto(site('acme.localhost', '/'));
  const before = await primaryOf(customer);
  expect(before).not.toBe(NEW_PRIMARY);
  await expect(customer.getByTestId('store-logo')).toHaveCount(0);

  await signIn(page, 'acme.localhost', 'admin@acme.test');
  await page.goto(site('acme.localhost', '/admin/design'));
  await page.locator('[data-testid=design-form] input[name=colorPrimary]').fill(NEW_PRIMARY);
  await page.locator('[data-testid=design-form] button[value=save]').click();
  await expect(page.getByTestId('form-notice')).toContainText('Saved to the draft');
  await page.locator('[data-testid=logo-form] input[type=file]').setInputFiles({ name: 'logo.svg', mimeType: 'image/svg+xml', buffer: Buffer.from(HOSTILE_SVG) });
  await page.locator('[data-testid=logo-form] button[type=submit]').click();
  await expect(page.getByTestId('form-notice')).toContainText('Saved to the draft');
  const logoSrc = await page.getByTestId('draft-logo').getAttribute('src');
  expect(logoSrc).toMatch(/^\/media\/[0-9a-f]{32}\.png$/);
  // What the SVG became: a PNG, served under its hash for a year, never sniffed, nothing of the script left.
  const logo = await getAs(request, 'acme.localhost', logoSrc!);
  expect(logo.status()).toBe(200);
  expect(logo.headers()['content-type']).toBe('image/png');
  expect(logo.headers()['x-content-type-options']).toBe('nosniff');
  expect(logo.headers()['cache-control']).toContain('immutable');
  const bytes = await logo.body();
  expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
  expect(bytes.toString('latin1')).not.toMatch(/script|onload|alert/i);
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/design-draft.png`, fullPage: true });

  // Customers still see the published brand.
  await customer.reload();
  expect(await primaryOf(customer)).toBe(before);
  await expect(customer.getByTestId('store-logo')).toHaveCount(0);

  // The preview: the real storefront with the draft, for the admin only.
  await page.getByTestId('preview').click();
  await expect(page.getByTestId('preview-banner')).toBeVisible();
  expect(await primaryOf(page)).toBe(NEW_PRIMARY);
  await expect(page.getByTestId('store-logo')).toHaveAttribute('src', logoSrc!);
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/design-preview.png` });
  await page.goto(site('acme.localhost', '/products'));
  expect(await primaryOf(page)).toBe(NEW_PRIMARY);
  await customer.reload();
  expect(await primaryOf(customer)).toBe(before);
  await page.getByRole('button', { name: 'Exit preview' }).click();
  await expect(page).toHaveURL(/\/admin\/design/);

  await page.getByTestId('publish').click();
  await expect(page.getByTestId('form-notice')).toContainText('Published');
  await customer.reload();
  expect(await primaryOf(customer)).toBe(NEW_PRIMARY);
  await expect(customer.getByTestId('store-logo')).toHaveAttribute('src', logoSrc!);
  if (SHOTS) await customer.screenshot({ path: `${SHOTS}/design-published.png` });
  // The favicon is made from the logo now.
  const favicon = await getAs(request, 'acme.localhost', '/favicon.ico');
  expect(favicon.headers()['content-type']).toBe('image/png');

  // Version 1 is the design Acme started with; restoring it brings the old brand back.
  await page.goto(site('acme.localhost', '/admin/design'));
  await expect(page.getByTestId('version')).toHaveCount(2);
  await page.locator('[data-testid=version][data-version="1"]').getByRole('button', { name: 'Restore' }).click();
  await expect(page.getByTestId('form-notice')).toContainText('Restored');
  await expect(page.getByTestId('version')).toHaveCount(3);
  await customer.reload();
  expect(await primaryOf(customer)).toBe(before);
  await expect(customer.getByTestId('store-logo')).toHaveCount(0);
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/design-versions.png`, fullPage: true });
  await customer.close();
});

test('a logo that is too large or not an image is refused with a message, and the draft keeps what it had', async ({ page }) => {
  await signIn(page, 'acme.localhost', 'admin@acme.test');
  await page.goto(site('acme.localhost', '/admin/design'));
  const input = page.locator('[data-testid=logo-form] input[type=file]');
  await input.setInputFiles({ name: 'huge.png', mimeType: 'image/png', buffer: Buffer.alloc(20 * 1024 * 1024, 7) });
  await page.locator('[data-testid=logo-form] button[type=submit]').click();
  await expect(page.getByTestId('form-error')).toContainText('larger than 1 MB');
  await input.setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: Buffer.from('#!/bin/sh\necho not an image\n') });
  await page.locator('[data-testid=logo-form] button[type=submit]').click();
  await expect(page.getByTestId('form-error')).toContainText('not an image we can use');
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/design-refused.png` });
});

test('a colour pair below WCAG AA is refused and nothing is saved; staff may save drafts but not publish', async ({ page }) => {
  await signIn(page, 'acme.localhost', 'staff@acme.test');
  await page.goto(site('acme.localhost', '/admin/design'));
  await expect(page.getByTestId('publish')).toHaveCount(0);
  await expect(page.getByText('Only admins can publish')).toBeVisible();
  await page.locator('[data-testid=design-form] input[name=colorPrimaryText]').fill('#eeeeee');
  await page.locator('[data-testid=design-form] input[name=colorPrimary]').fill('#ffffff');
  await page.locator('[data-testid=design-form] button[value=save]').click();
  await expect(page.getByTestId('form-error')).toContainText('hard to read');
  await expect(page.locator('[data-testid=design-form] input[name=colorPrimary]')).not.toHaveValue('#ffffff');
});
