import { expect, test, type Page } from '@playwright/test';
import { site } from './helpers';
import { signIn } from './support/mailbox';

const GLOBEX = 'globex.localhost';
// The e2e server marks a message missing from a language (MISSING_MESSAGES=mark, lib/i18n/fallback.ts).
const MISSING = '[missing message:';

const STOREFRONT = ['/', '/products', '/products/microsoft-365-business-basic', '/pages/about', '/pages/terms', '/cart', '/signin', '/nowhere'];
const ACCOUNT = ['/account', '/account/orders', '/account/subscriptions', '/account/invoices', '/checkout'];
const PORTAL = ['/admin', '/admin/dashboard', '/admin/orders', '/admin/subscriptions', '/admin/invoices', '/admin/customers', '/admin/catalog', '/admin/pricing', '/admin/design', '/admin/pages', '/admin/domains', '/admin/settings', '/admin/api-keys'];

async function walk(page: Page, locale: 'de' | 'fr', paths: string[]) {
  for (const p of paths) {
    // German is Globex's own language: its pages have no prefix.
    const response = await page.goto(site(GLOBEX, locale === 'de' ? p : `/${locale}${p === '/' ? '' : p}`));
    expect(response!.status(), `${locale} ${p}`).toBeLessThan(500);
    await expect(page.locator('html'), `${locale} ${p}`).toHaveAttribute('lang', locale);
    const text = (await page.locator('body').textContent()) ?? '';
    expect(text.includes(MISSING) ? text.slice(text.indexOf(MISSING), text.indexOf(MISSING) + 80) : '', `${locale} ${p}: a message missing from ${locale}`).toBe('');
  }
}

for (const locale of ['de', 'fr'] as const) {
  test(`every page of the storefront and the portal has all its words in ${locale}`, async ({ browser }) => {
    test.setTimeout(120_000);
    const visitor = await browser.newPage();
    await walk(visitor, locale, STOREFRONT);
    await visitor.close();
    const customer = await browser.newPage();
    await signIn(customer, GLOBEX, 'ida@initrode.test');
    await walk(customer, locale, ACCOUNT);
    await customer.close();
    const admin = await browser.newPage();
    await signIn(admin, GLOBEX, 'admin@globex.test');
    await walk(admin, locale, PORTAL);
    await admin.close();
  });
}
