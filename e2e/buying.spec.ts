import { expect, test, type Page } from '@playwright/test';
import Stripe from 'stripe';
import { PORT, site } from './helpers';
import { linkIn, mailTo, signIn } from './support/mailbox';

const ACME = 'acme.localhost';
const STRIPE = `http://127.0.0.1:${process.env.E2E_STRIPE_PORT || 12111}`;
const SHOTS = process.env.E2E_SCREENSHOTS;

async function addToCart(page: Page, host: string, slug: string, seats: number, period: 'month' | 'year' = 'month') {
  await page.goto(site(host, `/products/${slug}`));
  const plan = page.locator(`[data-testid=plan][data-period=${period}]`).first();
  await plan.locator('input[name=seats]').fill(String(seats));
  await plan.getByRole('button', { name: 'Add to cart' }).click();
  await expect(page).toHaveURL(/\/cart\?notice=added$/);
}

/** The price a storefront shows for the first monthly plan of a product, in a currency. */
async function shownPrice(page: Page, host: string, slug: string, currency: string): Promise<string> {
  await page.goto(site(host, `/products/${slug}`));
  return (await page.locator(`[data-testid=plan][data-period=month] [data-price=${currency}]`).first().textContent())!.trim();
}

async function waitForState(page: Page, state: string) {
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId('order-state')).toHaveText(state, { timeout: 500 });
  }).toPass({ timeout: 30_000 });
}

test('on Acme a customer fills a cart, signs in on the way, checks out on account and sees both subscriptions provisioned', async ({ page, browser }) => {
  const acmePrice = await shownPrice(page, ACME, 'microsoft-365-business-basic', 'USD');
  const globexPrice = await shownPrice(page, 'globex.localhost', 'microsoft-365-business-basic', 'EUR');
  const acmeEur = await shownPrice(page, ACME, 'microsoft-365-business-basic', 'EUR');
  expect(acmeEur).not.toBe(globexPrice);

  await addToCart(page, ACME, 'microsoft-365-business-basic', 3);
  await addToCart(page, ACME, 'google-workspace-business-starter', 2);
  await expect(page.getByTestId('cart-line')).toHaveCount(2);
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/cart.png`, fullPage: true });

  await page.getByTestId('to-checkout').click();
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fcheckout/);
  const since = Date.now() - 1000;
  await page.locator('input[name=email]').fill('anna@contoso.test');
  await page.locator('form[action="/api/signin"] button[type=submit]').click();
  await page.goto(linkIn(await mailTo('anna@contoso.test', since)));
  await page.locator('form[action="/api/signin/confirm"] button[type=submit]').click();
  await expect(page).toHaveURL(site(ACME, '/checkout'));
  // The anonymous cart became Anna's: both plans, now with Contoso's tax.
  await expect(page.getByTestId('cart-line')).toHaveCount(2);
  await expect(page.getByTestId('billing')).toContainText('Contoso Ltd');
  await expect(page.getByTestId('tax')).toBeVisible();
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/checkout.png`, fullPage: true });
  await page.getByTestId('place-order').click();

  await expect(page).toHaveURL(/\/account\/orders\/[0-9a-f-]{36}\?notice=placed$/);
  const orderUrl = page.url().replace(/\?.*$/, '');
  await waitForState(page, 'Completed');
  await expect(page.getByTestId('subscription')).toHaveCount(2);
  await expect(page.getByTestId('line-state')).toHaveText(['Active', 'Active']);
  // Acme's own sell price, not Globex's.
  await expect(page.getByTestId('order-line').first()).toContainText(acmePrice);
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/order.png`, fullPage: true });

  // A customer of another storefront asking for this order: not found.
  const other = await browser.newContext();
  const ida = await other.newPage();
  await signIn(ida, 'globex.localhost', 'ida@initrode.test');
  const response = await ida.goto(orderUrl.replace(`${ACME}:${PORT}`, `globex.localhost:${PORT}`));
  expect(response?.status()).toBe(404);
  await other.close();
});

test('a customer over its credit limit on account is refused with a message that says so', async ({ page }) => {
  await signIn(page, ACME, 'fay@fabrikam.test');
  await addToCart(page, ACME, 'microsoft-365-business-basic', 20);
  await page.goto(site(ACME, '/checkout'));
  await expect(page.getByTestId('credit')).toContainText('$50.00');
  await page.getByTestId('place-order').click();
  await expect(page.getByTestId('form-error')).toContainText('over your credit limit on account');
  await expect(page.getByTestId('form-error')).toContainText('$50.00 of $50.00 is available');
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/credit-limit.png`, fullPage: true });
  // Nothing was ordered; the cart is as it was.
  await page.goto(site(ACME, '/cart'));
  await expect(page.getByTestId('cart-line')).toHaveCount(1);
});

test('a card checkout goes to Stripe for the server’s total and completes through a signed webhook', async ({ page, request }) => {
  await signIn(page, ACME, 'anna@contoso.test');
  await addToCart(page, ACME, 'microsoft-365-business-basic', 2);
  await page.goto(site(ACME, '/checkout'));
  const total = (await page.getByTestId('total').textContent())!;
  await page.getByLabel('Card (Stripe)').check();
  await page.getByTestId('place-order').click();
  await expect(page).toHaveURL(new RegExp(`^${STRIPE}/pay/cs_`));
  const sessionId = /cs_\w+/.exec(page.url())![0];
  expect(Number(await page.getByTestId('stand-in-amount').textContent()) / 100).toBeCloseTo(Number(total.replace(/[^0-9.]/g, '')), 2);

  // The customer pays; the webhook arrives (the customer does not come back to the success page).
  const session = await (await request.post(`${STRIPE}/__stand-in/sessions/${sessionId}/pay`)).json();
  const payload = JSON.stringify({ id: `evt_e2e_${Date.now()}`, object: 'event', type: 'checkout.session.completed', account: session.account, created: Math.floor(Date.now() / 1000), data: { object: session } });
  const signature = Stripe.webhooks.generateTestHeaderString({ payload, secret: 'whsec_standin_0123456789abcdefghijklmnop' });
  const tampered = await request.post(`http://127.0.0.1:${PORT}/api/webhooks/stripe`, { headers: { host: `localhost:${PORT}`, 'content-type': 'application/json', 'stripe-signature': signature }, data: payload.replace('"paid"', '"unpaid"') });
  expect(tampered.status()).toBe(400);
  const delivered = await request.post(`http://127.0.0.1:${PORT}/api/webhooks/stripe`, { headers: { host: `localhost:${PORT}`, 'content-type': 'application/json', 'stripe-signature': signature }, data: payload });
  expect(delivered.status()).toBe(200);
  expect((await delivered.json()).outcome).toBe('fulfilled');

  await page.goto(site(ACME, `/account/orders/${session.metadata.order_id}`));
  await waitForState(page, 'Completed');
  await expect(page.getByTestId('subscription')).toHaveCount(1);
  await expect(page.getByTestId('history')).toContainText('Paid');
});
