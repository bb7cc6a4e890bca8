import { expect, test } from '@playwright/test';
import { getAs, site } from './helpers';
import { signIn } from './support/mailbox';

const SHOTS = process.env.E2E_SCREENSHOTS;

test('a content page written in German appears in the footer of /de once published, and nowhere else', async ({ page, browser, request }) => {
  test.setTimeout(60_000);
  await signIn(page, 'acme.localhost', 'admin@acme.test');
  await page.goto(site('acme.localhost', '/admin/pages?locale=de'));
  const form = page.getByTestId('new-page');
  await form.locator('input[name=slug]').fill('impressum');
  await form.locator('input[name=title]').fill('Impressum');
  await form.getByRole('button').click();
  await expect(page.getByTestId('form-notice')).toContainText('Saved to the draft');
  await page.locator('textarea[name=body]').fill('## Anbieter\n\nAcme Cloud Solutions Inc., **500 Market Street**, San Francisco.\n\n<script>alert(1)</script>');
  await page.getByRole('button', { name: 'Save draft' }).click();
  await expect(page.getByTestId('page-preview')).toContainText('500 Market Street');
  await expect(page.getByTestId('page-preview').locator('script')).toHaveCount(0);
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/pages-editor.png`, fullPage: true });

  // A draft is nobody's business but staff's.
  const customer = await browser.newPage();
  await customer.goto(site('acme.localhost', '/de'));
  await expect(customer.locator('footer').getByRole('link', { name: 'Impressum' })).toHaveCount(0);
  expect((await customer.goto(site('acme.localhost', '/de/pages/impressum')))?.status()).toBe(404);

  await page.getByTestId('publish-page').click();
  await expect(page.getByTestId('form-notice')).toContainText('Published');
  await customer.goto(site('acme.localhost', '/de'));
  await customer.locator('footer').getByRole('link', { name: 'Impressum' }).click();
  await expect(customer).toHaveURL(/\/de\/pages\/impressum$/);
  await expect(customer.locator('article h1')).toHaveText('Impressum');
  await expect(customer.locator('article')).toContainText('500 Market Street');
  if (SHOTS) await customer.screenshot({ path: `${SHOTS}/pages-de-published.png`, fullPage: true });
  await customer.goto(site('acme.localhost', '/'));
  await expect(customer.locator('footer').getByRole('link', { name: 'Impressum' })).toHaveCount(0);
  await customer.close();

  // Search engines are told about it once it exists in every language of the storefront.
  const sitemap = async () => (await (await getAs(request, 'acme.localhost', '/sitemap.xml')).text());
  expect(await sitemap()).not.toContain('/pages/impressum');
  await page.goto(site('acme.localhost', '/admin/pages?locale=en'));
  await page.getByTestId('new-page').locator('input[name=slug]').fill('impressum');
  await page.getByTestId('new-page').locator('input[name=title]').fill('Imprint');
  await page.getByTestId('new-page').getByRole('button').click();
  await page.getByTestId('publish-page').click();
  await expect(page.getByTestId('form-notice')).toContainText('Published');
  await expect.poll(sitemap).toContain('/de/pages/impressum');

  await page.goto(site('acme.localhost', '/admin/pages?locale=de'));
  await expect(page.locator('[data-testid=page-row][data-slug=impressum]')).toContainText('Published');
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/pages-list.png`, fullPage: true });
});
