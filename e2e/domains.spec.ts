import { expect, test } from '@playwright/test';
import { getAs, site } from './helpers';
import { signIn } from './support/mailbox';

const SHOTS = process.env.E2E_SCREENSHOTS;

test('a Standard storefront adds a custom domain and is shown the records to publish; a Free one sees what unlocks it', async ({ page, browser, request }) => {
  await signIn(page, 'acme.localhost', 'admin@acme.test');
  await page.goto(site('acme.localhost', '/admin/domains'));
  await expect(page.locator('[data-testid=domain][data-hostname="shop.acme.test"] [data-testid=domain-status]')).toHaveText('Verified');
  await page.locator('[data-testid=add-domain] input[name=hostname]').fill('Cloud.Acme-Shop.example');
  await page.locator('[data-testid=add-domain] button[type=submit]').click();
  const added = page.locator('[data-testid=domain][data-hostname="cloud.acme-shop.example"]');
  await expect(added.getByTestId('domain-status')).toHaveText('Waiting for the TXT record');
  await expect(added).toContainText('_channelfront.cloud.acme-shop.example');
  await expect(added).toContainText('acme.localhost');
  await expect(added.getByTestId('domain-token')).toHaveText(/^cf-verify=/);
  // Not verified: refused with what to do (no DNS server answers for it here), and it serves nothing.
  await added.getByRole('button', { name: 'Verify' }).click();
  await expect(page.getByTestId('form-error')).toContainText('does not hold this domain’s token yet');
  expect((await getAs(request, 'cloud.acme-shop.example', '/')).status()).toBe(404);
  expect((await getAs(request, 'localhost', '/api/domains/check?domain=shop.acme.test')).status()).toBe(200);
  expect((await getAs(request, 'localhost', '/api/domains/check?domain=cloud.acme-shop.example')).status()).toBe(404);
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/domains-acme.png`, fullPage: true });
  await added.getByRole('button', { name: 'Remove' }).click();
  await expect(page.locator('[data-testid=domain][data-hostname="cloud.acme-shop.example"]')).toHaveCount(0);

  const globex = await browser.newPage();
  await signIn(globex, 'globex.localhost', 'admin@globex.test');
  await globex.goto(site('globex.localhost', '/en/admin/domains'));
  await expect(globex.getByTestId('plan-locked')).toContainText('Custom domains are part of the Standard plan');
  await expect(globex.getByTestId('add-domain')).toHaveCount(0);
  await globex.close();
});
