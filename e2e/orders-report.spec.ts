import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { getAs, site } from './helpers';
import { signIn } from './support/mailbox';

const ACME = 'acme.localhost';
const SHOTS = process.env.E2E_SCREENSHOTS;

test('Acme’s staff filter the storefront’s orders and download them as a CSV that opens in Excel', async ({ page, browser, request }) => {
  test.setTimeout(60_000);
  // A customer orders a product no other test orders (here: on this database), on account.
  const tess = await browser.newPage();
  await signIn(tess, ACME, 'tess@tailspin.test');
  await tess.goto(site(ACME, '/products/eset-protect-entry'));
  const plan = tess.locator('[data-testid=plan][data-period=month]').first();
  await plan.locator('input[name=seats]').fill('12');
  await plan.getByRole('button', { name: 'Add to cart' }).click();
  await tess.goto(site(ACME, '/checkout'));
  await tess.getByTestId('place-order').click();
  await expect(tess).toHaveURL(/\/account\/orders\//);
  // A customer, however signed in, downloads nothing of the storefront's; nor does an anonymous visitor.
  expect((await tess.goto(site(ACME, '/admin/orders/export')))?.status()).toBe(403);
  await tess.close();
  expect((await getAs(request, ACME, '/admin/subscriptions/export')).status()).toBe(401);

  await signIn(page, ACME, 'staff@acme.test');
  await page.goto(site(ACME, '/admin/orders'));
  const filters = page.getByTestId('order-filters');
  await filters.locator('select[name=product]').selectOption({ label: 'ESET PROTECT Entry' });
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
  expect(records[1]).toMatch(/,Tailspin Toys,\w+,on_account,USD,[\d.]+,[\d.]+,[\d.]+,12 × ES-PROTECT-ENTRY-M$/);

  // Its subscription, once provisioned, is in the subscription list and its CSV with value and margin.
  // (The product is a choice once a subscription of it exists: provisioning takes a moment.)
  await expect(async () => {
    await page.goto(site(ACME, '/admin/subscriptions'));
    await page.getByTestId('subscription-filters').locator('select[name=product]').selectOption({ label: 'ESET PROTECT Entry' }, { timeout: 500 });
  }).toPass({ timeout: 30_000 });
  await page.getByTestId('subscription-filters').getByRole('button').click();
  await expect(page.getByTestId('subscription-count')).toHaveText('1 subscription');
  await expect(page.getByTestId('subscription-row')).toContainText('Tailspin Toys');
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/subscriptions-admin.png`, fullPage: true });
  const [subs] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-subscriptions').click()]);
  const subsCsv = await readFile((await subs.path())!, 'utf8');
  expect(subsCsv.charCodeAt(0)).toBe(0xfeff);
  const subRecords = subsCsv.slice(1).trimEnd().split('\r\n');
  expect(subRecords).toHaveLength(2);
  expect(subRecords[1]).toMatch(/^Tailspin Toys,ESET PROTECT Entry,ES-PROTECT-ENTRY-M,12,active,month,/);

  // A bad filter is named, not guessed at.
  await page.goto(site(ACME, '/admin/orders?from=2026-02-30'));
  await expect(page.getByTestId('form-error')).toContainText('from: must be a real date');
});
