import { expect, test } from '@playwright/test';
import { site } from './helpers';

test('a visitor switches language with the path prefix and sees formats change', async ({ page }) => {
  await page.goto(site('globex.localhost'));
  await expect(page.locator('html')).toHaveAttribute('lang', 'de');
  await expect(page.getByText('Preise in Euro')).toBeVisible();
  await expect(page.getByText(/Aktualisiert am \d{1,2}\. [A-Za-zä]+ \d{4}/)).toBeVisible();

  await page.getByTestId('locale-switcher').getByRole('link', { name: 'fr' }).click();
  await expect(page).toHaveURL(site('globex.localhost', '/fr'));
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Bienvenue chez Globex IT-Services');
  await expect(page.getByText('Prix en euro')).toBeVisible();
  await expect(page.getByText(/Mis à jour le \d{1,2} [a-zéû]+ \d{4}/)).toBeVisible();

  await page.getByTestId('locale-switcher').getByRole('link', { name: 'en' }).click();
  await expect(page).toHaveURL(site('globex.localhost', '/en'));
  await expect(page.getByText(/Updated [A-Z][a-z]+ \d{1,2}, \d{4}/)).toBeVisible();
});

test('the language switcher keeps the page', async ({ page }) => {
  await page.goto(site('acme.localhost', '/pages/privacy'));
  await page.getByTestId('locale-switcher').getByRole('link', { name: 'de' }).click();
  await expect(page).toHaveURL(site('acme.localhost', '/de/pages/privacy'));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Datenschutzhinweise');
});

test('the default locale has no prefix and a disabled locale is not served', async ({ page }) => {
  const prefixed = await page.goto(site('acme.localhost', '/en/pages/about'));
  expect(prefixed?.url()).toBe(site('acme.localhost', '/pages/about'));
  expect(prefixed?.request().redirectedFrom()?.url()).toBe(site('acme.localhost', '/en/pages/about'));
  // Acme does not offer French.
  const french = await page.goto(site('acme.localhost', '/fr'));
  expect(french?.status()).toBe(404);
});

test('a missing page answers 404 in the visitor’s language', async ({ page }) => {
  const response = await page.goto(site('globex.localhost', '/fr/nothing-here'));
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page introuvable');
  await page.getByRole('link', { name: 'Retour à l’accueil' }).click();
  await expect(page).toHaveURL(site('globex.localhost', '/fr'));
});
