import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { site } from './helpers';
import { signIn } from './support/mailbox';

const ACME = 'acme.localhost';
const SHOTS = process.env.E2E_SCREENSHOTS;

test('Acme’s staff filter the storefront’s orders and download them as a CSV that opens in Excel', async ({ page, browser }) => {
  test.setTimeout(60_000);
  // A customer orders a product no other test orders, on account.
  const tess = await browser.newPage();
  await signIn(tess, ACME, 'tess@tailspin.test');
  await tess.goto(site(ACME, '/products/veeam-backup-for-microsoft-365'));
  const plan = tess.locator('[data-testid=plan][data-period=month]').first();
  await plan.locator('input[name=seats]').fill('12');
  await plan.getByRole('button', { name: 'Add to cart' }).click();
  await tess.goto(site(ACME, '/checkout'));
  await tess.getByTestId('place-order').click();
  await expect(tess).toHaveURL(/\/account\/orders\//);
  await tess.close();

  await signIn(page, ACME, 'staff@acme.test');
  await page.goto(site(ACME, '/admin/orders'));
  const filters = page.getByTestId('order-filters');
  await filters.locator('select[name=product]').selectOption({ label: 'Veeam Backup for Microsoft 365' });
  await filters.getByRole('button').click();
  await expect(page.getByTestId('order-count')).toHaveText('1 order');
  await expect(page.getByTestId('order-row')).toContainText('Tailspin Toys');
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/orders.png`, fullPage: true });

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-orders').click()]);
  expect(download.suggestedFilename()).toMatch(/^acme-orders-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = await readFile((await download.path())!, 'utf8');
  expect(csv.charCodeAt(0)).toBe(0xfeff);
  const records = csv.slice(1).trimEnd().split('\r\n');
  expect(records[0]).toBe('Order,Date (UTC),Customer,State,Payment,Currency,Subtotal,Tax,Total,Lines');
  expect(records).toHaveLength(2);
  expect(records[1]).toMatch(/,Tailspin Toys,\w+,on_account,USD,[\d.]+,[\d.]+,[\d.]+,12 × VE-BM365-M$/);

  // A bad filter is named, not guessed at.
  await page.goto(site(ACME, '/admin/orders?from=2026-02-30'));
  await expect(page.getByTestId('form-error')).toContainText('from: must be a real date');
});
