import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { getAs, site } from './helpers';
import { signIn } from './support/mailbox';

// Storefront pages are plain HTML documents (app/[tenant]/[locale]/_components/document.tsx): no
// framework script, the CSS they use inlined, within a byte budget. Three themes, three pages each.
const HOSTS = [
  ['classic', 'localhost'],
  ['bold', 'acme.localhost'],
  ['studio', 'globex.localhost'],
] as const;
const PAGES = [
  ['home', '/', 15_000],
  ['product list', '/products', 30_000],
  ['product page', '/products/microsoft-365-business-basic', 30_000],
] as const;
const INLINE_SCRIPT_BUDGET = 2_000;

/** The app's whole stylesheet as the build wrote it, which no storefront page links any more. */
function wholeStylesheet(): string {
  const root = path.join(process.env.NEXT_DIST_DIR || '.next', 'static');
  const files = ['chunks', 'css'].flatMap((dir) => {
    try {
      return readdirSync(path.join(root, dir)).filter((f) => f.endsWith('.css')).map((f) => path.join(root, dir, f));
    } catch {
      return [];
    }
  });
  expect(files.length, `the build's CSS under ${root}`).toBeGreaterThan(0);
  return files.map((f) => readFileSync(f, 'utf8')).join('\n');
}

/** Every element's computed style, in document order: `tag.class property: value`. */
function computedStyles(page: Page): Promise<Record<string, string>[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('body *')].map((el) => {
      const style = getComputedStyle(el);
      return Object.fromEntries(Array.from(style, (p) => [p, style.getPropertyValue(p)]));
    }),
  );
}

/** What differs between two readings of the same page, as `element n (tag.class) property: before → after`. */
async function differences(page: Page, before: Record<string, string>[], after: Record<string, string>[]): Promise<string[]> {
  const names = await page.evaluate(() => [...document.querySelectorAll('body *')].map((el) => `${el.tagName.toLowerCase()}.${el.getAttribute('class') ?? ''}`));
  const out: string[] = [];
  before.forEach((style, i) => {
    for (const [property, value] of Object.entries(style)) {
      if (after[i]?.[property] !== value) out.push(`element ${i} (${names[i]}) ${property}: ${value} → ${after[i]?.[property]}`);
    }
  });
  return out.slice(0, 20);
}

for (const [theme, host] of HOSTS) {
  for (const [name, pagePath, budget] of PAGES) {
    test(`${theme} ${name}: a plain HTML document, no framework script, within ${budget / 1000} kB`, async ({ page, request }) => {
      const scripts: string[] = [];
      page.on('request', (r) => {
        if (r.resourceType() === 'script') scripts.push(r.url());
      });
      await page.goto(site(host, pagePath));
      await page.waitForLoadState('networkidle');
      expect(scripts, 'scripts the page loaded').toEqual([]);

      const html = await (await getAs(request, host, pagePath)).text();
      expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
      expect(html).not.toContain('/_next/static');
      expect(html).not.toContain('self.__next_f');
      expect(Buffer.byteLength(html), 'document bytes').toBeLessThanOrEqual(budget);
      const inline = [...html.matchAll(/<script(?![^>]*application\/ld\+json)[^>]*>([\s\S]*?)<\/script>/g)].reduce((n, m) => n + m[1]!.length, 0);
      expect(inline, 'inline script characters').toBeLessThanOrEqual(INLINE_SCRIPT_BUDGET);
      // No render-blocking request: the stylesheet is in the document.
      expect(html).not.toMatch(/<link[^>]+rel="stylesheet"/);
    });
  }
}

for (const [theme, host] of HOSTS) {
  test(`${theme}: the CSS a page inlines is all of the stylesheet it can use, on a phone and on a desktop`, async ({ page }) => {
    test.setTimeout(90_000);
    const whole = wholeStylesheet();
    for (const [, pagePath] of PAGES) {
      for (const viewport of [{ width: 390, height: 844 }, { width: 1280, height: 900 }]) {
        await page.setViewportSize(viewport);
        await page.goto(site(host, pagePath));
        const inlined = await computedStyles(page);
        // The whole stylesheet on top changes nothing a rule left out would have changed.
        await page.addStyleTag({ content: whole });
        expect(await differences(page, inlined, await computedStyles(page)), `${host}${pagePath} at ${viewport.width}px`).toEqual([]);
      }
    }
  });
}

test('storefront pages work without JavaScript: links navigate, the period switch and forms need no script', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(site('acme.localhost', '/'));
  await page.getByRole('link', { name: 'Browse products' }).click();
  await expect(page).toHaveURL(site('acme.localhost', '/products'));
  await page.goto(site('acme.localhost', '/products/microsoft-365-business-basic'));
  await expect(page.getByTestId('add-to-cart').first()).toBeVisible();
  await context.close();
});

/**
 * A page for one person (sign-in, cart, checkout, the account's pages) is a plain document too:
 * rendered per request inside the storefront's cached frame, with the CSS it uses and no framework
 * script. Max is a member of Initrode on Globex (German by default); nobody else signs in as him.
 */
test('a signed-in customer’s pages are plain HTML documents too: no framework script, their CSS inlined, within budget', async ({ page }) => {
  test.setTimeout(90_000);
  const host = 'globex.localhost';
  const scripts: string[] = [];
  page.on('request', (r) => {
    if (r.resourceType() === 'script') scripts.push(r.url());
  });
  const documents: [string, string][] = [];
  // Every document on the way (the sign-in pages among them) whose body could still be read: one
  // the browser has already left (a redirect followed, a reload) may be gone, which says nothing of it.
  page.on('response', (r) => {
    if (r.request().resourceType() !== 'document' || r.status() !== 200) return;
    r.text().then((body) => documents.push([new URL(r.url()).pathname, body]), () => undefined);
  });
  await signIn(page, host, 'max@initrode.test');
  // The sign-in flow passes "check your mail" on its way, often too quickly for its body to be read.
  const [status, body] = await page.evaluate(async (url) => {
    const r = await fetch(url);
    return [r.status, await r.text()] as const;
  }, site(host, '/signin/check-email'));
  expect(status, '/signin/check-email').toBe(200);
  documents.push(['/signin/check-email', body]);
  await page.goto(site(host, '/products/microsoft-365-business-basic'));
  await page.locator('[data-testid=plan][data-period=month]').first().locator('button[type=submit]').click();
  await expect(page).toHaveURL(/\/cart\?notice=added$/);
  await expect(page.getByTestId('cart-line')).toHaveCount(1);
  const organization = await page.goto(site(host, '/account')).then(() => page.locator('[data-testid=organization] a').first().getAttribute('href'));
  const paths = ['/account', '/account/orders', '/account/subscriptions', '/account/invoices', organization!, '/cart', '/checkout'];
  const whole = wholeStylesheet();
  for (const path of paths) {
    const response = await page.goto(site(host, path));
    expect(response?.status(), path).toBe(200);
    documents.push([path, await response!.text()]);
    expect(page.url(), `${path} is shown, not redirected`).toBe(site(host, path));
    for (const viewport of [{ width: 390, height: 844 }, { width: 1280, height: 900 }]) {
      await page.setViewportSize(viewport);
      const inlined = await computedStyles(page);
      await page.addStyleTag({ content: whole });
      expect(await differences(page, inlined, await computedStyles(page)), `${path} at ${viewport.width}px`).toEqual([]);
      await page.reload();
      if (process.env.E2E_SCREENSHOTS) await page.screenshot({ path: `${process.env.E2E_SCREENSHOTS}/personal${path.replace(/\W+/g, '-')}-${viewport.width}.png`, fullPage: true });
    }
  }
  expect(scripts, 'scripts the pages loaded').toEqual([]);
  for (const [path, html] of documents) {
    expect(html.startsWith('<!DOCTYPE html>'), path).toBe(true);
    expect(html, path).not.toContain('/_next/static');
    expect(html, path).not.toMatch(/<link[^>]+rel="stylesheet"/);
    expect(Buffer.byteLength(html), `${path} bytes`).toBeLessThanOrEqual(30_000);
    // A person's page is never indexed; the public ones visited on the way are.
    if (!path.startsWith('/products')) expect(html, path).toContain('<meta name="robots" content="noindex, nofollow"/>');
  }
  expect(documents.map(([path]) => path)).toEqual(expect.arrayContaining(['/signin', '/signin/check-email', '/signin/confirm', ...paths]));
});
