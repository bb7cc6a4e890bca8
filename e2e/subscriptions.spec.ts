import { expect, test, type Page } from '@playwright/test';
import { getAs, site } from './helpers';
import { signIn } from './support/mailbox';

const ACME = 'acme.localhost';
const SHOTS = process.env.E2E_SCREENSHOTS;

// Both tests buy as Tess, through her one cart: one after the other.
test.describe.configure({ mode: 'serial' });

/** Buys `seats` of a product's first monthly plan on account as the signed-in customer admin; returns the subscription's page. */
async function buy(page: Page, slug: string, seats: number): Promise<string> {
  await page.goto(site(ACME, `/products/${slug}`));
  const plan = page.locator('[data-testid=plan][data-period=month]').first();
  await plan.locator('input[name=seats]').fill(String(seats));
  await plan.getByRole('button', { name: 'Add to cart' }).click();
  await expect(page).toHaveURL(/\/cart\?notice=added$/);
  await page.getByTestId('to-checkout').click();
  await page.getByTestId('place-order').click();
  await expect(page).toHaveURL(/\/account\/orders\/[0-9a-f-]{36}\?notice=placed$/);
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId('order-state')).toHaveText('Completed', { timeout: 500 });
  }).toPass({ timeout: 30_000 });
  await page.goto(site(ACME, '/account/subscriptions'));
  const row = page.getByTestId('subscription-row').first();
  await row.getByRole('link').click();
  await expect(page).toHaveURL(/\/account\/subscriptions\/[0-9a-f-]{36}$/);
  return page.url();
}

test('a customer admin gives seats back inside the window and sees the credit; a member sees the seat assigned to him', async ({ page, browser }) => {
  await signIn(page, ACME, 'tess@tailspin.test');
  const url = await buy(page, 'acronis-cyber-protect-cloud', 5);
  await expect(page.getByTestId('window')).toContainText('The cancellation window is open until');
  await expect(page.getByTestId('reducible')).toHaveText('4 seats can be given back now, with a credit.');

  // A number the plan does not allow is refused in the preview, with nothing to confirm.
  await page.goto(`${url}?seats=301`);
  await expect(page.getByTestId('quote')).toContainText('That number of seats is outside the plan’s limits: choose between 1 and 300 seats.');
  await expect(page.getByTestId('confirm')).toHaveCount(0);

  // The preview says what comes back before anything is confirmed.
  await page.getByTestId('seats-input').fill('3');
  await page.getByTestId('preview-seats').click();
  const quote = page.getByTestId('quote');
  await expect(quote).toContainText('Giving back 2 seats now credits $');
  const credit = Number(await quote.getAttribute('data-amount'));
  expect(credit).toBeLessThan(0);
  await expect(page.getByTestId('seats')).toHaveText('0 of 5 assigned');
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/subscription-preview.png`, fullPage: true });
  await page.getByTestId('confirm').click();

  await expect(page.getByTestId('form-notice')).toHaveText('Seats given back; the credit note is under your invoices.');
  await expect(page.getByTestId('seats')).toHaveText('0 of 3 assigned');
  // The history shows the credit as previewed; the credit note adds Tailspin's 8 % tax (US) to it.
  await expect(page.getByTestId('history')).toContainText(`Seats 5 → 3−$${(-credit / 100).toFixed(2)}`);
  const withTax = -credit + Math.floor((-credit * 800 + 5_000) / 10_000);
  await expect(page.getByTestId('document').filter({ hasText: 'Credit note' })).toContainText(`−$${(withTax / 100).toFixed(2)}`);

  // Tim gets a seat; on his account page he sees it.
  await page.getByTestId('assign-user').selectOption({ label: 'Tim Tailspin (tim@tailspin.test)' });
  await page.getByTestId('assign').click();
  await expect(page.getByTestId('form-notice')).toHaveText('Seat assigned.');
  await expect(page.getByTestId('assignment')).toContainText('tim@tailspin.test');
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/subscription.png`, fullPage: true });

  const timContext = await browser.newContext();
  const tim = await timContext.newPage();
  await signIn(tim, ACME, 'tim@tailspin.test');
  await tim.goto(site(ACME, '/account'));
  await expect(tim.getByTestId('licence')).toContainText('Acronis Cyber Protect Cloud');
  // A member sees the subscription but cannot change it.
  await tim.goto(url);
  await expect(tim.getByTestId('seats-input')).toHaveCount(0);
  await expect(tim.getByText('Only an admin of your organisation can change this subscription.')).toBeVisible();
  await timContext.close();

  // The credit note is a PDF branded with Acme.
  await page.goto(site(ACME, '/account/invoices'));
  await expect(page.getByTestId('invoice-row').filter({ hasText: 'Credit note' }).first()).toBeVisible();
  const href = await page.getByTestId('invoice-row').filter({ hasText: 'Credit note' }).first().getByTestId('invoice-pdf').getAttribute('href');
  const cookie = (await page.context().cookies(site(ACME))).map((c) => `${c.name}=${c.value}`).join('; ');
  const pdf = await getAs(page.request, ACME, href!, { cookie });
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()['content-type']).toBe('application/pdf');
  expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');

  // Another customer of the same storefront asking for it: not found.
  const fayContext = await browser.newContext();
  const fay = await fayContext.newPage();
  await signIn(fay, ACME, 'fay@fabrikam.test');
  const fayCookie = (await fayContext.cookies(site(ACME))).map((c) => `${c.name}=${c.value}`).join('; ');
  expect((await getAs(fay.request, ACME, href!, { cookie: fayCookie })).status()).toBe(404);
  expect((await fay.goto(url))!.status()).toBe(404);
  await fayContext.close();
});

test('cancelling after the window keeps the subscription until the end of its period, and can be undone', async ({ page }) => {
  await signIn(page, ACME, 'tess@tailspin.test');
  // Keeper Business's monthly plan has no cancellation window: every change waits for the renewal.
  await buy(page, 'keeper-business', 2);
  await expect(page.getByTestId('window')).toContainText('The cancellation window closed on');
  await page.getByTestId('cancel').click();
  await expect(page.getByTestId('quote')).toContainText('The cancellation window has closed: the subscription ends on');
  await page.getByTestId('confirm').click();
  await expect(page.getByTestId('form-notice')).toHaveText('The subscription will end at the end of its period.');
  await expect(page.getByTestId('renewal')).toHaveText(/^Cancels on \w{3} \d{1,2}, \d{4}$/);
  await expect(page.getByTestId('subscription-status')).toHaveText('Active');
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/subscription-cancelling.png`, fullPage: true });
  await page.getByTestId('resume').click();
  await expect(page.getByTestId('renewal')).toHaveText(/^Renews on /);
});

test('a customer upgrades Microsoft 365 Business Basic to Standard mid-term and pays the prorated difference; annual billing waits for the renewal', async ({ page }) => {
  await signIn(page, ACME, 'tess@tailspin.test');
  const url = await buy(page, 'microsoft-365-business-basic', 2);
  // The choice of plans holds the product's own and the upgrade path's, each named with its product.
  const choice = page.getByTestId('plan-input');
  await expect(choice.locator('option', { hasText: 'Microsoft 365 Business Standard · Monthly, no commitment' })).toHaveCount(1);
  const annual = await choice.locator('option', { hasText: 'Annual commitment' }).first().getAttribute('value');
  await page.goto(`${url}?plan=${annual}`);
  await expect(page.getByTestId('quote')).toContainText('takes effect at the renewal on');
  await expect(page.getByTestId('quote')).toContainText('per year');
  await expect(page.getByTestId('quote')).toHaveAttribute('data-amount', '0');

  const standard = await choice.locator('option', { hasText: 'Microsoft 365 Business Standard · Monthly, no commitment' }).getAttribute('value');
  await page.goto(url);
  await page.getByTestId('plan-input').selectOption(standard!);
  await page.getByTestId('preview-plan').click();
  const quote = page.getByTestId('quote');
  await expect(quote).toContainText('Moving to Microsoft 365 Business Standard · Monthly, no commitment now costs $');
  const amount = Number(await quote.getAttribute('data-amount'));
  expect(amount).toBeGreaterThan(0);
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/subscription-upgrade-path.png`, fullPage: true });
  await page.getByTestId('confirm').click();
  await expect(page.getByTestId('form-notice')).toHaveText('Upgrade ordered: the new plan applies as soon as it is set up.');
  // The difference is an order on account like any other, invoiced with Tailspin's 8 % tax; once it is
  // set up the same subscription is Standard, seats and all.
  await expect(page.getByTestId('history')).toContainText(`Plan upgrade ordered$${(amount / 100).toFixed(2)}`);
  await expect(async () => {
    await page.goto(url);
    await expect(page.locator('h1')).toHaveText('Microsoft 365 Business Standard', { timeout: 500 });
  }).toPass({ timeout: 30_000 });
  await expect(page.getByTestId('history')).toContainText('Plan upgraded');
  await expect(page.getByTestId('seats')).toHaveText('0 of 2 assigned');
  const withTax = amount + Math.floor((amount * 800 + 5_000) / 10_000);
  await expect(page.getByTestId('document').filter({ hasText: 'Invoice' }).first()).toContainText(`$${(withTax / 100).toFixed(2)}`);
});
