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
  // Its history, for the staff.
  const ordersUrl = page.url();
  await page.getByTestId('order-row').getByRole('link').first().click();
  await expect(page.getByTestId('order-history')).toContainText('placed by tess@tailspin.test');
  await expect(page.getByTestId('order-lines')).toContainText('ES-PROTECT-ENTRY-M');
  const orderPath = new URL(page.url()).pathname;
  await page.goto(ordersUrl);

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
  const subscriptionsUrl = page.url();
  await page.getByTestId('subscription-row').getByRole('link').first().click();
  await expect(page.getByTestId('history')).toContainText('tess@tailspin.test');
  await page.goto(subscriptionsUrl);
  const [subs] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-subscriptions').click()]);
  const subsCsv = await readFile((await subs.path())!, 'utf8');
  expect(subsCsv.charCodeAt(0)).toBe(0xfeff);
  const subRecords = subsCsv.slice(1).trimEnd().split('\r\n');
  expect(subRecords).toHaveLength(2);
  expect(subRecords[1]).toMatch(/^Tailspin Toys,ESET PROTECT Entry,ES-PROTECT-ENTRY-M,12,active,month,/);

  // The order's invoice, on account, is among the storefront's invoices and in their CSV.
  await page.goto(site(ACME, '/admin/invoices'));
  await page.getByTestId('invoice-filters').locator('select[name=customer]').selectOption({ label: 'Tailspin Toys' });
  await page.getByTestId('invoice-filters').getByRole('button').click();
  // Counting rows before the filtered page has arrived would count the page being left.
  await expect(page).toHaveURL(/[?&]customer=/);
  await expect(page.getByTestId('invoice-row').first()).toContainText('Tailspin Toys');
  const shown = await page.getByTestId('invoice-row').count();
  expect(shown).toBeGreaterThan(0);
  const [invoicesCsv] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-invoices').click()]);
  expect(invoicesCsv.suggestedFilename()).toMatch(/^acme-invoices-\d{4}-\d{2}-\d{2}\.csv$/);
  const invoiceText = await readFile((await invoicesCsv.path())!, 'utf8');
  expect(invoiceText.charCodeAt(0)).toBe(0xfeff);
  const invoiceRecords = invoiceText.slice(1).trimEnd().split('\r\n');
  expect(invoiceRecords[0]).toBe('Document,Kind,Issued (UTC),Due,Customer,Status,Payment,Currency,Subtotal,Tax,Total,Paid (UTC)');
  expect(invoiceRecords).toHaveLength(shown + 1);
  expect(invoiceRecords.slice(1).every((r) => /^(INV|CN)-\d{6},\w+,[\d-]+ [\d:]+,[\d-]*,Tailspin Toys,/.test(r))).toBe(true);

  // Another storefront's staff do not find Acme's order.
  const globex = await browser.newPage();
  await signIn(globex, 'globex.localhost', 'admin@globex.test');
  expect((await globex.goto(site('globex.localhost', orderPath)))?.status()).toBe(404);
  await globex.close();

  // A bad filter is named, not guessed at.
  await page.goto(site(ACME, '/admin/orders?from=2026-02-30'));
  await expect(page.getByTestId('form-error')).toContainText('from: must be a real date');
});
