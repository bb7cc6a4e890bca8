import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { getAs, site } from './helpers';
import { signIn } from './support/mailbox';
import { MAILBOX_PORT } from './support/smtp-catcher';

const ACME = 'acme.localhost';
const SHOTS = process.env.E2E_SCREENSHOTS;

test('Acme’s admin finds a new customer, sees its people and money, sets a contract price its cart honours, and downloads the customers', async ({ page, browser, request }) => {
  test.setTimeout(60_000);
  expect((await getAs(request, ACME, '/admin/customers/export')).status()).toBe(401);
  // A customer of its own, so no other suite's cart or orders meet this one's.
  const stamp = Date.now().toString(36);
  const email = `buyer-${stamp}@woodgrove.test`;
  const name = `Woodgrove ${stamp}`;
  const buyer = await browser.newPage();
  await signIn(buyer, ACME, email);
  await buyer.goto(site(ACME, '/account'));
  const create = buyer.locator('form[action="/api/account/organizations"]');
  await create.locator('input[name=name]').fill(name);
  await create.locator('select[name=country]').selectOption('US');
  await create.locator('input[name=street]').fill('1 Woodgrove Way');
  await create.locator('input[name=city]').fill('Boston');
  await create.getByRole('button').click();
  await expect(buyer.getByText(name).first()).toBeVisible();

  await signIn(page, ACME, 'admin@acme.test');
  await page.goto(site(ACME, '/admin'));
  await page.getByTestId('customers-link').click();
  const filters = page.getByTestId('customer-filters');
  await filters.locator('input[name=q]').fill(name);
  await filters.getByRole('button').click();
  await expect(page.getByTestId('customer-count')).toHaveText('1 customer');
  await expect(page.getByTestId('customer-row')).toContainText(email);
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/customers.png`, fullPage: true });

  await page.getByRole('link', { name }).click();
  await expect(page.getByTestId('customer-name')).toHaveText(name);
  await expect(page.getByTestId('people')).toContainText(email);
  const form = page.getByTestId('contract-form');
  await form.locator('input[name=planSku]').fill('MS-M365-BASIC-M');
  await form.locator('input[name=amount]').fill('0.01');
  await form.getByRole('button').click();
  await expect(page.getByTestId('form-error')).toContainText('under your cost');
  await form.locator('input[name=planSku]').fill('MS-M365-BASIC-M');
  await form.locator('input[name=amount]').fill('6.00');
  await form.getByRole('button').click();
  await expect(page.getByTestId('form-notice')).toBeVisible();
  const contract = page.locator('[data-testid=contract-price][data-sku=MS-M365-BASIC-M]');
  await expect(contract).toContainText('$6.00');
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/customer.png`, fullPage: true });

  // The customer's cart is priced at its contract price (the product page shows everyone the list price).
  await buyer.goto(site(ACME, '/products/microsoft-365-business-basic'));
  const plan = buyer.locator('[data-testid=plan][data-period=month]').first();
  await plan.locator('input[name=seats]').fill('2');
  await plan.getByRole('button', { name: 'Add to cart' }).click();
  const line = buyer.getByTestId('cart-line').filter({ hasText: 'Microsoft 365 Business Basic' });
  await expect(line.getByTestId('line-amount')).toHaveText('$12.00');
  // Removed again, the list price is back.
  await contract.getByRole('button').click();
  await expect(page.getByTestId('contract-prices')).toHaveCount(0);
  await buyer.reload();
  await expect(line.getByTestId('line-amount')).not.toHaveText('$12.00');
  await buyer.close();

  await page.goto(site(ACME, `/admin/customers?q=${encodeURIComponent(name)}`));
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-customers').click()]);
  expect(download.suggestedFilename()).toMatch(/^acme-customers-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = await readFile((await download.path())!, 'utf8');
  expect(csv.charCodeAt(0)).toBe(0xfeff);
  const records = csv.slice(1).trimEnd().split('\r\n');
  expect(records[0]).toBe('Customer,Country,Currency,Billing email,On account,Credit limit,Open balance,Active subscriptions,Customer since (UTC)');
  expect(records).toHaveLength(2);
  expect(records[1]).toMatch(new RegExp(`^${name},US,USD,${email.replace(/[.]/g, '\\.')},(yes|no),[\\d.]+,0\\.00,0,`));
});

test('Acme’s staff order for Contoso on account; Contoso’s admin sees the order and got its confirmation', async ({ page, browser }) => {
  test.setTimeout(60_000);
  await signIn(page, ACME, 'staff@acme.test');
  await page.goto(site(ACME, '/admin/customers?q=contoso'));
  await page.getByRole('link', { name: 'Contoso Ltd' }).click();
  await page.getByTestId('assisted-order-link').click();
  const form = page.getByTestId('assisted-lines');
  await form.locator('input[name=sku0]').fill('GO-WS-START-M');
  await form.locator('input[name=seats0]').fill('4');
  await form.locator('input[name=sku1]').fill('NO-SUCH-PLAN');
  await form.locator('input[name=seats1]').fill('1');
  await page.getByTestId('review-order').click();
  await expect(page.locator('[data-testid=assisted-line][data-sku=NO-SUCH-PLAN] [data-testid=line-problem]')).toContainText('no such plan');
  await expect(page.getByTestId('cannot-place')).toBeVisible();
  await form.locator('input[name=sku1]').fill('');
  await form.locator('input[name=seats1]').fill('');
  await page.getByTestId('review-order').click();
  await expect(page.locator('[data-testid=assisted-line][data-sku=GO-WS-START-M]')).toContainText('Google Workspace');
  const total = (await page.getByTestId('assisted-total').textContent())!;
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/assisted-order.png`, fullPage: true });
  const since = Date.now();
  await page.getByTestId('place-assisted-order').click();
  await expect(page.getByTestId('form-notice')).toContainText('confirmation');
  const number = (await page.getByTestId('customer-order').first().locator('td').first().textContent())!.trim();

  // The confirmation reaches Contoso's admin (not the staff member who placed it).
  await expect
    .poll(async () => {
      const mails = (await (await fetch(`http://127.0.0.1:${MAILBOX_PORT}/?to=${encodeURIComponent('anna@contoso.test')}`)).json()) as { subject: string; text: string; at: number }[];
      return mails.some((m) => m.at >= since && m.subject.endsWith(`your order ${number}`) && m.text.includes('4 × Google Workspace'));
    }, { timeout: 15_000 })
    .toBe(true);
  const anna = await browser.newPage();
  await signIn(anna, ACME, 'anna@contoso.test');
  await anna.goto(site(ACME, '/account/orders'));
  await anna.getByRole('link', { name: `Order ${number}`, exact: true }).click();
  await expect(anna.locator('main')).toContainText('Google Workspace');
  await expect(anna.locator('main')).toContainText(total);
  await anna.close();
});
