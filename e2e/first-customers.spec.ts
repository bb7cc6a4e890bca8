import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { site } from './helpers';
import { mailTo, signIn } from './support/mailbox';

const ACME = 'acme.localhost';
const SHOTS = process.env.E2E_SCREENSHOTS;

async function addToCart(page: Page, host: string, productPath: string, seats: number) {
  await page.goto(site(host, productPath));
  const plan = page.locator('[data-testid=plan][data-period=month]').first();
  await plan.locator('input[name=seats]').fill(String(seats));
  await plan.locator('button[type=submit]').click();
  await expect(page).toHaveURL(/\/cart\?notice=added$/);
}

async function waitForState(page: Page, state: string) {
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId('order-state')).toHaveText(state, { timeout: 500 });
  }).toPass({ timeout: 30_000 });
}

function pdfText(pdf: Buffer, name: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'cf-e2e-pdf-'));
  const file = path.join(dir, `${name}.pdf`);
  writeFileSync(file, pdf);
  if (SHOTS) execFileSync('pdftoppm', ['-png', '-r', '70', '-singlefile', file, path.join(SHOTS, name)]);
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
}

test('a new German business signs up on Acme, pays by bank transfer, is set up once Acme marks the invoice paid, and is granted payment on account', async ({ page, browser }) => {
  test.setTimeout(120_000);
  const stamp = Date.now().toString(36);
  const email = `greta-${stamp}@neukunde.test`;
  const company = `Neukunde ${stamp} GmbH`;
  await signIn(page, ACME, email);
  await page.goto(site(ACME, '/account'));
  const create = page.locator('form[action="/api/account/organizations"]');
  await create.locator('input[name=name]').fill(company);
  await create.locator('select[name=country]').selectOption({ label: 'Germany' });
  await create.getByLabel('Street and number').fill('Hauptstraße 1');
  await create.getByLabel('Postal code').fill('50667');
  await create.locator('input[name=city]').fill('Köln');
  // Typed as printed on a letterhead: kept in its compact form.
  await create.locator('input[name=taxId]').fill('DE 136 695 976');
  await create.locator('select[name=currency]').selectOption('EUR');
  await create.getByRole('button', { name: 'Create organisation' }).click();
  await expect(page.getByTestId('organization')).toContainText(company);

  await addToCart(page, ACME, '/products/microsoft-365-business-basic', 2);
  await page.goto(site(ACME, '/checkout'));
  const billing = page.getByTestId('billing');
  for (const words of [company, 'Hauptstraße 1', '50667 Köln', 'Germany', 'DE136695976']) await expect(billing).toContainText(words);
  // A US seller and a German business with a VAT number: reverse charge, in euros.
  await expect(page.getByTestId('reverse-charge')).toBeVisible();
  await expect(page.getByTestId('total')).toContainText('€');
  await page.getByLabel(/Bank transfer \(prepayment\)/).check();
  await page.locator('input[name=purchaseOrder]').fill('PO-4711');
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/checkout-bank-transfer.png`, fullPage: true });
  const placedAt = Date.now() - 1000;
  await page.getByTestId('place-order').click();

  await expect(page).toHaveURL(/\/account\/orders\/[0-9a-f-]{36}\?notice=placed$/);
  const orderUrl = page.url().replace(/\?.*$/, '');
  await expect(page.getByTestId('order-state')).toHaveText('Awaiting payment');
  await expect(page.getByTestId('transfer-iban')).toHaveText('DE89 3704 0044 0532 0130 00');
  const reference = (await page.getByTestId('transfer-reference').textContent())!.trim();
  expect(reference).toMatch(/^RF\d{2}( \w{1,4})+$/);
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/order-awaiting-transfer.png`, fullPage: true });

  // The invoice arrives by mail, with how to pay it.
  const mail = await mailTo(email, placedAt);
  expect(mail.subject).toMatch(/invoice INV-\d+ for your order \d+, to pay by bank transfer/);
  expect(mail.text).toContain('IBAN: DE89 3704 0044 0532 0130 00');
  expect(mail.text).toContain(`Reference: ${reference}`);
  // The PDF: Acme's IBAN, the reference, the customer's reference and the reverse-charge note.
  const pdfLink = page.getByTestId('transfer-invoice');
  const invoiceNumber = /INV-\d+/.exec((await pdfLink.textContent())!)![0];
  // Fetched by the browser, with the customer's session (a *.localhost host resolves there only).
  const pdf = await page.evaluate(async (href) => {
    const response = await fetch(href);
    const bytes = new Uint8Array(await response.arrayBuffer());
    let binary = '';
    for (const b of bytes) binary += String.fromCharCode(b);
    return { type: response.headers.get('content-type'), base64: btoa(binary) };
  }, (await pdfLink.getAttribute('href'))!);
  expect(pdf.type).toContain('application/pdf');
  const text = pdfText(Buffer.from(pdf.base64, 'base64'), 'invoice-bank-transfer');
  for (const words of ['DE89 3704 0044 0532 0130 00', 'COBADEFFXXX', reference, 'Your reference PO-4711', 'Reverse charge', 'Hauptstraße 1', '50667 Köln']) expect(text, words).toContain(words);

  // Acme sees the transfer arrive and marks the invoice paid on the order's page.
  const staff = await browser.newContext();
  const admin = await staff.newPage();
  await signIn(admin, ACME, 'admin@acme.test');
  await admin.goto(orderUrl.replace('/account/orders/', '/admin/orders/'));
  await expect(admin.getByTestId('order-documents')).toContainText(invoiceNumber);
  await expect(admin.getByTestId('order-documents').getByTestId('transfer-reference')).toHaveText(reference);
  const paidAt = Date.now() - 1000;
  await admin.getByTestId('order-documents').getByTestId('mark-paid').click();
  await expect(admin.getByTestId('form-notice')).toBeVisible();

  await waitForState(page, 'Completed');
  await expect(page.getByTestId('transfer-instructions')).toHaveCount(0);
  await expect(page.getByTestId('history')).toContainText(`payment received, marked paid by admin@acme.test`);
  const ready = await mailTo(email, paidAt).then(async (m) => (m.subject.includes('is ready') ? m : mailTo(email, m.at + 1)));
  expect(ready.subject).toContain('Microsoft 365 Business Basic');
  expect(ready.subject).toContain('is ready');

  // The customer asks to pay on account; Acme grants it with a limit.
  await page.goto(site(ACME, '/account'));
  const ask = page.getByTestId('credit-request-form');
  await ask.locator('input[name=amount]').fill('2000');
  await ask.locator('input[name=note]').fill('About 20 licences a month');
  await ask.getByRole('button', { name: 'Ask for payment on account' }).click();
  await expect(page.getByTestId('form-notice')).toContainText('The store answers by mail');
  await expect(page.getByTestId('credit-request-open')).toBeVisible();

  await admin.goto(site(ACME, '/admin/customers'));
  const request = admin.getByTestId('credit-request').filter({ hasText: company });
  await expect(request).toContainText('About 20 licences a month');
  await expect(request.locator('input[name=creditLimit]')).toHaveValue('2000.00');
  if (SHOTS) await admin.screenshot({ path: `${SHOTS}/credit-requests.png`, fullPage: true });
  const grantedAt = Date.now() - 1000;
  await request.getByTestId('grant-credit').click();
  await expect(admin.getByTestId('form-notice')).toContainText('granted');
  expect((await mailTo(email, grantedAt)).subject).toContain('you can now pay on account');
  await page.reload();
  await expect(page.getByTestId('on-account')).toContainText('up to €2,000.00');
  await staff.close();
});

test('a French customer reads every line of its order page in French', async ({ page }) => {
  test.setTimeout(60_000);
  await signIn(page, 'globex.localhost', 'ida@initrode.test');
  await addToCart(page, 'globex.localhost', '/fr/products/microsoft-365-business-basic', 1);
  await page.goto(site('globex.localhost', '/fr/checkout'));
  await page.getByTestId('place-order').click();
  await expect(page).toHaveURL(/\/fr\/account\/orders\/[0-9a-f-]{36}\?notice=placed$/);
  await waitForState(page, 'Terminée');
  const body = (await page.locator('main').textContent()) ?? '';
  for (const english of ['placed by', 'accepted on account', 'every line', 'Completed', 'Active', 'Seats', 'History', 'Subtotal', 'Total credited']) expect(body, english).not.toContain(english);
  await expect(page.getByTestId('history')).toContainText('passée par ida@initrode.test');
  await expect(page.getByTestId('history')).toContainText('acceptée sur facture');
  await expect(page.getByTestId('history')).toContainText('toutes les lignes mises en place');
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/order-fr.png`, fullPage: true });
});
