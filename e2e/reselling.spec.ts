import { expect, test, type Page } from '@playwright/test';
import { getAs, site } from './helpers';
import { signIn } from './support/mailbox';
import { MAILBOX_PORT } from './support/smtp-catcher';

const ROOT = 'localhost';
const NEWCO = 'newco.localhost';
const SHOTS = process.env.E2E_SCREENSHOTS;

// One company's storefront from purchase to re-subscription: the steps follow one another.
test.describe.configure({ mode: 'serial' });
test.setTimeout(180_000);

async function addFirstPlan(page: Page, product: string, period: 'month' | 'year' = 'month') {
  await page.goto(site(ROOT, `/products/${product}`));
  const plan = page.locator(`[data-testid=plan][data-period=${period}]`).first();
  await plan.getByRole('button', { name: 'Add to cart' }).click();
  await expect(page).toHaveURL(/\/cart\?notice=added$/);
  await page.getByTestId('to-checkout').click();
}

/** The newest mail to `to` since `since` whose subject has `subject` in it, as the SMTP catcher caught it. */
async function mailAbout(to: string, since: number, subject: string) {
  let found: { subject: string; text: string } | undefined;
  await expect
    .poll(async () => {
      const mails = (await (await fetch(`http://127.0.0.1:${MAILBOX_PORT}/?to=${encodeURIComponent(to)}`)).json()) as { subject: string; text: string; at: number }[];
      found = mails.filter((m) => m.at >= since && m.subject.includes(subject)).at(-1);
      return !!found;
    }, { timeout: 20_000 })
    .toBe(true);
  return found!;
}

async function waitCompleted(page: Page) {
  await expect(page).toHaveURL(/\/account\/orders\/[0-9a-f-]{36}\?notice=placed$/);
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId('order-state')).toHaveText('Completed', { timeout: 500 });
  }).toPass({ timeout: 30_000 });
}

test('a reseller company buys Free, opens its storefront, gets a customer, cancels to Basic (warned) with the customer still served, comes back as it was and upgrades to Standard', async ({ page, browser, request }) => {
  await signIn(page, ROOT, 'nina@newco.test');
  await addFirstPlan(page, 'reseller-storefront');
  const choice = page.getByTestId('storefront-choice');
  await choice.locator('input[name=storefrontSlug]').fill('newco');
  await choice.locator('select[name=storefrontTheme]').selectOption('bold');
  await choice.locator('input[name=storefrontLanguage_de]').check();
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/reselling-checkout.png`, fullPage: true });
  const since = Date.now() - 1000;
  await page.getByTestId('place-order').click();
  await waitCompleted(page);

  // The welcome mail points at the new storefront's admin.
  const welcome = await mailAbout('nina@newco.test', since, 'is live');
  expect(welcome.subject).toBe('Your storefront Newco Ltd is live');
  expect(welcome.text).toMatch(/http:\/\/newco\.localhost(:\d+)?\/signin\?email=nina%40newco\.test&callbackUrl=%2Fadmin/);

  // The storefront is live, in its chosen theme, and its admin is Nina's.
  const live = await getAs(request, NEWCO, '/');
  expect(live.status()).toBe(200);
  expect(await live.text()).toContain('Newco Ltd');
  const portal = await browser.newPage();
  await signIn(portal, NEWCO, 'nina@newco.test');
  await portal.goto(site(NEWCO, '/admin'));
  await expect(portal.getByTestId('your-plan')).toContainText('Newco Ltd is on the Free plan.');
  await expect(portal.getByTestId('your-plan')).toContainText('Standard adds: custom domains, full branding, content pages, API access.');
  await portal.goto(site(NEWCO, '/admin/api-keys'));
  await expect(portal.getByTestId('plan-locked')).toContainText('API access is part of the Standard plan');
  if (SHOTS) await portal.screenshot({ path: `${SHOTS}/reselling-free-admin.png`, fullPage: true });

  // A first customer: Newco takes bank transfers, and a business signs up and orders on newco's host.
  await portal.goto(site(NEWCO, '/admin/settings'));
  const billing = portal.getByTestId('billing-settings-form');
  await billing.locator('input[name=accountHolder]').fill('Newco Ltd');
  await billing.locator('input[name=bankName]').fill('ING');
  await billing.locator('input[name=iban]').fill('NL91 ABNA 0417 1643 00');
  await billing.locator('input[name=bic]').fill('ABNANL2A');
  await billing.getByRole('button', { name: 'Save' }).click();
  await expect(portal.getByTestId('bank-transfer-status')).toContainText('offered');
  const customer = await browser.newPage();
  const stamp = Date.now().toString(36);
  await signIn(customer, NEWCO, `cora-${stamp}@newco-kunde.test`);
  await customer.goto(site(NEWCO, '/account'));
  const create = customer.locator('form[action="/api/account/organizations"]');
  await create.locator('input[name=name]').fill(`Cora ${stamp} BV`);
  await create.locator('select[name=country]').selectOption({ label: 'Netherlands' });
  await create.getByLabel('Street and number').fill('Damrak 1');
  await create.getByLabel('Postal code').fill('1012 LG');
  await create.locator('input[name=city]').fill('Amsterdam');
  await create.getByRole('button', { name: 'Create organisation' }).click();
  await customer.goto(site(NEWCO, '/products/microsoft-365-business-basic'));
  await customer.locator('[data-testid=plan][data-period=month]').first().getByRole('button', { name: 'Add to cart' }).click();
  await customer.goto(site(NEWCO, '/checkout'));
  await customer.getByLabel(/Bank transfer \(prepayment\)/).check();
  await customer.getByTestId('place-order').click();
  await expect(customer.getByTestId('order-state')).toHaveText('Awaiting payment');
  const invoiceNumber = /[A-Z]+-\d+/.exec((await customer.getByTestId('transfer-invoice').textContent())!)![0];

  // Newco cancels its Free plan: the preview says first what that does to newco's host.
  await page.goto(site(ROOT, '/account/subscriptions'));
  await page.getByTestId('subscription-row').first().getByRole('link').click();
  await page.getByTestId('cancel').click();
  await expect(page.getByTestId('storefront-warning')).toContainText('When this plan ends, newco.localhost takes no new orders');
  await expect(page.getByTestId('storefront-warning')).toContainText('Nothing is deleted');
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/reselling-cancel-warning.png`, fullPage: true });
  await page.getByTestId('confirm').click();
  // Back on Basic the storefront serves its customers only: a neutral notice where the catalog was…
  await expect(async () => {
    const closed = await getAs(request, NEWCO, '/products');
    expect(closed.status()).toBe(200);
    expect(await closed.text()).toContain('Newco Ltd takes no new orders at the moment');
  }).toPass({ timeout: 30_000 });
  // …while its customer still opens its invoices there, and the portal reads only, with the way back.
  await customer.goto(site(NEWCO, '/account/invoices'));
  const row = customer.getByTestId('invoice-row').filter({ hasText: invoiceNumber });
  await expect(row).toContainText('Open');
  const cookie = (await customer.context().cookies(site(NEWCO))).map((c) => `${c.name}=${c.value}`).join('; ');
  const pdf = await getAs(customer.request, NEWCO, (await row.getByTestId('invoice-pdf').getAttribute('href'))!, { cookie });
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()['content-type']).toBe('application/pdf');
  await customer.goto(site(NEWCO, '/'));
  await expect(customer.getByTestId('service-mode')).toContainText('see and pay their invoices');
  if (SHOTS) await customer.screenshot({ path: `${SHOTS}/reselling-service-mode.png`, fullPage: true });
  await portal.goto(site(NEWCO, '/admin'));
  await expect(portal.getByTestId('service-mode-portal')).toContainText('this portal is read-only');
  await expect(portal.getByTestId('service-mode-reopen')).toHaveAttribute('href', /\/products\/reseller-storefront$/);
  if (SHOTS) await portal.screenshot({ path: `${SHOTS}/reselling-service-mode-portal.png`, fullPage: true });
  await customer.close();

  // Re-subscribe: the same storefront comes back with its theme and languages.
  await addFirstPlan(page, 'reseller-storefront');
  await expect(page.getByTestId('storefront-choice')).toContainText('newco.localhost comes back as it was');
  await page.getByTestId('place-order').click();
  await waitCompleted(page);
  await expect(async () => {
    const back = await getAs(request, NEWCO, '/products');
    expect(back.status()).toBe(200);
    expect(await back.text()).not.toContain('takes no new orders');
  }).toPass({ timeout: 30_000 });

  // Upgrade on the distributor's storefront: Standard's features come at once.
  await page.goto(site(ROOT, '/account/subscriptions'));
  await page.getByTestId('subscription-row').first().getByRole('link').click();
  const standard = await page.getByTestId('plan-input').locator('option', { hasText: 'Standard, monthly' }).getAttribute('value');
  await page.getByTestId('plan-input').selectOption(standard!);
  await page.getByTestId('preview-plan').click();
  await page.getByTestId('confirm').click();
  await expect(async () => {
    await portal.goto(site(NEWCO, '/admin/api-keys'));
    await expect(portal.getByTestId('create-key')).toBeVisible({ timeout: 500 });
  }).toPass({ timeout: 30_000 });
  await portal.locator('[data-testid=create-key] input[name=name]').fill('ERP');
  await portal.locator('[data-testid=create-key] button[type=submit]').click();
  await expect(portal.getByTestId('api-token')).toHaveText(/^cf_/);
  await portal.goto(site(NEWCO, '/de'));
  await expect(portal.locator('html')).toHaveAttribute('lang', 'de');
  if (SHOTS) await portal.screenshot({ path: `${SHOTS}/reselling-back.png`, fullPage: true });
  await portal.close();
});

test('a company without reselling is refused the plan with the reason; a resale-only product needs a licensee', async ({ page, browser }) => {
  await signIn(page, ROOT, 'lee@litware.test');
  await addFirstPlan(page, 'reseller-storefront');
  await expect(page.getByTestId('not-reseller')).toContainText('Storefront plans are for reseller accounts');
  await page.getByTestId('place-order').click();
  await expect(page.getByTestId('form-error')).toContainText('Ask the distributor to enable reselling');

  const nina = await browser.newPage();
  await signIn(nina, ROOT, 'nina@newco.test');
  await nina.goto(site(ROOT, '/products/keeper-business'));
  await nina.locator('[data-testid=plan][data-period=month]').first().getByRole('button', { name: 'Add to cart' }).click();
  await nina.getByTestId('to-checkout').click();
  await expect(nina.getByTestId('licensees')).toBeVisible();
  await nina.getByTestId('place-order').click();
  await expect(nina.getByTestId('form-error')).toContainText('is sold for resale only: choose the licensee');
  await nina.close();
});

test('the distributor console lists reseller companies and suspends and reinstates one', async ({ page, request }) => {
  await signIn(page, ROOT, 'admin@northwind.test');
  await page.goto(site(ROOT, '/admin/resellers'));
  const globex = page.locator('[data-testid=company][data-company="Globex IT-Services"]');
  await expect(globex.getByTestId('company-plan')).toHaveText('Free');
  await expect(globex).toContainText('globex.localhost');
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/reselling-console.png`, fullPage: true });
  const actions = page.locator('[data-testid=company][data-company="Globex IT-Services"] + tr');
  await actions.getByRole('button', { name: 'Suspend' }).click();
  await expect(globex.getByTestId('company-status')).toHaveText('Suspended');
  await expect(async () => expect((await getAs(request, 'globex.localhost', '/')).status()).toBe(503)).toPass({ timeout: 10_000 });
  await page.locator('[data-testid=company][data-company="Globex IT-Services"] + tr').getByRole('button', { name: 'Reinstate' }).click();
  await expect(globex.getByTestId('company-status')).toHaveText('Active');
  await expect(async () => expect((await getAs(request, 'globex.localhost', '/')).status()).toBe(200)).toPass({ timeout: 10_000 });
});
