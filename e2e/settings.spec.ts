import { expect, test } from '@playwright/test';
import { site } from './helpers';
import { signIn } from './support/mailbox';

const SHOTS = process.env.E2E_SCREENSHOTS;

test('a storefront admin finds the store settings, and a mistake is named without losing what was there', async ({ page }) => {
  await signIn(page, 'acme.localhost', 'admin@acme.test');
  await page.goto(site('acme.localhost', '/admin'));
  await page.getByTestId('settings-link').click();
  await expect(page).toHaveURL(/\/admin\/settings$/);
  const form = page.getByTestId('settings-form');
  await expect(form.locator('input[name=name]')).toHaveValue('Acme Cloud Solutions');
  await form.locator('input[name=taxRates]').fill('US=8, Germany nineteen');
  await form.getByRole('button').click();
  // Named by its label, not by the field's name in the code.
  await expect(page.getByTestId('form-error')).toContainText('Tax rates: write');
  await expect(page.getByTestId('form-error')).not.toContainText('taxRates');
  await expect(form.locator('input[name=taxRates]')).toHaveValue(/^(?=.*DE=19)(?=.*US=8)/);
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/settings.png`, fullPage: true });
  // The contact address is on every page of the storefront.
  await page.goto(site('acme.localhost', '/'));
  await expect(page.locator('footer')).toContainText('Contact: hello@acme.test');
});
