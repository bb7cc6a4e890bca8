import { expect, test } from '@playwright/test';
import { getAs, site } from './helpers';

test('a misspelt search finds the product, and suggestions come as the visitor types', async ({ page }) => {
  await page.goto(site('acme.localhost', '/products'));
  const box = page.getByRole('searchbox');
  await box.fill('micorsoft 365');
  await box.press('Enter');
  await expect(page).toHaveURL(/q=micorsoft\+365/);
  await expect(page.getByRole('link', { name: /Microsoft 365 Business Basic/i })).toBeVisible();
  await box.fill('');
  await box.pressSequentially('bitdef', { delay: 40 });
  const suggestions = page.getByTestId('suggestions');
  await expect(suggestions.getByRole('link')).toHaveText(['Bitdefender GravityZone Business Security']);
  await suggestions.getByRole('link').click();
  await expect(page).toHaveURL(site('acme.localhost', '/products/bitdefender-gravityzone-business'));
});

test('suggestions are the storefront’s own, in its language, and bad input is refused', async ({ request }) => {
  const acme = await getAs(request, 'acme.localhost', '/api/search/suggest?q=dropbx');
  expect(acme.status()).toBe(200);
  expect((await acme.json()).suggestions).toEqual([{ name: 'Dropbox Business Standard', url: '/products/dropbox-business-standard' }]);
  // Globex does not sell Dropbox; its French pages live under /fr.
  expect((await (await getAs(request, 'globex.localhost', '/api/search/suggest?q=dropbox&locale=fr')).json()).suggestions).toEqual([]);
  const fr = await (await getAs(request, 'globex.localhost', '/api/search/suggest?q=acronis&locale=fr')).json();
  expect(fr.suggestions[0].url).toBe('/fr/products/acronis-cyber-protect-cloud');
  const bad = await getAs(request, 'globex.localhost', '/api/search/suggest?q=acronis&locale=xx');
  expect(bad.status()).toBe(400);
  expect((await bad.json()).message).toContain('locale must be one of');
  expect((await getAs(request, 'umbrella.localhost', '/api/search/suggest?q=acronis')).status()).not.toBe(200);
});
