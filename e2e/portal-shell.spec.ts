import { expect, test } from '@playwright/test';
import { site } from './helpers';
import { signIn } from './support/mailbox';

const ACME = 'acme.localhost';
const SHOTS = process.env.E2E_SCREENSHOTS;

test('admins land in a portal with a navigation of what their role may open; the storefront header shows them the way in', async ({ browser }) => {
  const admin = await browser.newPage();
  await signIn(admin, ACME, 'admin@acme.test');
  await expect(admin).toHaveURL(site(ACME, '/admin'));
  const nav = admin.getByTestId('portal-nav');
  for (const room of ['Overview', 'Dashboard', 'Orders', 'Subscriptions', 'Invoices', 'Customers', 'Catalog', 'Pricing', 'Design', 'Pages', 'Domains', 'Settings', 'API keys']) {
    await expect(nav.getByRole('link', { name: room, exact: true })).toBeVisible();
  }
  await nav.getByRole('link', { name: 'Orders', exact: true }).click();
  await expect(admin).toHaveURL(site(ACME, '/admin/orders'));
  await expect(nav.getByRole('link', { name: 'Orders', exact: true })).toHaveAttribute('aria-current', 'page');
  if (SHOTS) await admin.screenshot({ path: `${SHOTS}/portal-shell.png`, fullPage: false });
  // On the (cached) storefront the header has the way back in, for staff.
  await admin.goto(site(ACME, '/'));
  await expect(admin.getByRole('link', { name: 'Portal', exact: true })).toBeVisible();

  // Staff see the rooms of their work, not the admin's settings or keys.
  const staff = await browser.newPage();
  await signIn(staff, ACME, 'staff@acme.test');
  const staffNav = staff.getByTestId('portal-nav');
  await expect(staffNav.getByRole('link', { name: 'Orders', exact: true })).toBeVisible();
  await expect(staffNav.getByRole('link', { name: 'Settings', exact: true })).toHaveCount(0);
  await expect(staffNav.getByRole('link', { name: 'API keys', exact: true })).toHaveCount(0);

  // A customer lands on its account, and the same cached page shows it no portal link.
  const customer = await browser.newPage();
  await signIn(customer, ACME, 'anna@contoso.test');
  await expect(customer).toHaveURL(site(ACME, '/account'));
  await customer.goto(site(ACME, '/'));
  await expect(customer.getByRole('link', { name: 'Portal', exact: true })).toBeHidden();
  // Signing out takes the hint away too.
  await admin.goto(site(ACME, '/account'));
  await admin.locator('form[action="/api/signout"] button').click();
  await admin.goto(site(ACME, '/'));
  await expect(admin.getByRole('link', { name: 'Portal', exact: true })).toBeHidden();
});

for (const [host, theme] of [[ACME, 'bold'], ['globex.localhost', 'studio'], ['localhost', 'classic']] as const) {
  test(`on a 390 px phone the ${theme} storefront folds its navigation behind a menu button`, async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(site(host, '/'));
    const menu = page.getByTestId('menu-button');
    await expect(menu).toBeVisible();
    const products = page.locator('#cf-nav a').nth(1);
    await expect(products).toBeHidden();
    // The header is one row, not four, and leaves the first screen to the page.
    expect((await page.locator('header').first().boundingBox())!.height).toBeLessThan(120);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await menu.click();
    await expect(products).toBeVisible();
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/phone-menu-${theme}.png` });
    await products.click();
    await expect(page).toHaveURL(/\/products$/);
  });
}

test('on a 390 px phone the cart fits the screen', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(site(ACME, '/products/microsoft-365-business-basic'));
  await page.locator('[data-testid=plan][data-period=month]').first().locator('button[type=submit]').click();
  await expect(page).toHaveURL(/\/cart\?notice=added$/);
  expect(await page.evaluate(() => document.documentElement.scrollWidth), 'page width').toBeLessThanOrEqual(390);
  await expect(page.getByTestId('to-checkout')).toBeInViewport();
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/phone-cart.png`, fullPage: true });
});
