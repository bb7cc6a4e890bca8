import { expect, test, type Page } from '@playwright/test';
import { site } from './helpers';
import { signIn } from './support/mailbox';

const SHOTS = process.env.E2E_SCREENSHOTS;

/** "$1,234.56" → 123456 minor units (the figures are USD, formatted in English). */
const minor = (text: string) => {
  const negative = /^-|^\(/.test(text.trim());
  const digits = text.replace(/[^\d]/g, '');
  return (negative ? -1 : 1) * Number(digits);
};

async function figures(page: Page) {
  const revenue = minor((await page.getByTestId('revenue-total').textContent())!);
  const months = await page.getByTestId('month-revenue').allTextContents();
  return { revenue, months: months.map(minor) };
}

test('Acme’s dashboard adds up, and the distributor sees the same figures for Acme', async ({ page, browser }) => {
  test.setTimeout(60_000);
  await signIn(page, 'acme.localhost', 'admin@acme.test');
  await page.goto(site('acme.localhost', '/admin'));
  await page.getByTestId('dashboard-link').click();
  const acme = await figures(page);
  // The other suites have placed orders on account at Acme: this month has revenue.
  expect(acme.revenue).toBeGreaterThan(0);
  expect(acme.months).toHaveLength(12);
  expect(acme.months.reduce((a, b) => a + b, 0)).toBe(acme.revenue);
  await expect(page.locator('[data-testid=revenue-chart] g[data-month]')).toHaveCount(12);
  await expect(page.getByTestId('active')).toContainText('seats');
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/dashboard.png`, fullPage: true });

  const nora = await browser.newPage();
  await signIn(nora, 'localhost', 'admin@northwind.test');
  await nora.goto(site('localhost', '/admin/dashboard'));
  const all = await figures(nora);
  expect(all.revenue).toBeGreaterThanOrEqual(acme.revenue);
  await nora.getByTestId('dashboard-scope').locator('select[name=scope]').selectOption({ label: 'Acme Cloud Solutions' });
  await nora.getByTestId('dashboard-scope').locator('select[name=cur]').selectOption('USD');
  await nora.getByTestId('dashboard-scope').getByRole('button').click();
  expect((await figures(nora)).revenue).toBe(acme.revenue);
  if (SHOTS) await nora.screenshot({ path: `${SHOTS}/dashboard-distributor.png`, fullPage: true });
  await nora.close();
});
