import { spawn } from 'node:child_process';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { PORT, site } from './helpers';
import { linkIn, mailTo, signIn } from './support/mailbox';

const ACME = `http://acme.localhost:${PORT}`;
const FOREIGN_ORIGINS = [`http://globex.localhost:${PORT}`, 'null', 'https://evil.example'];

/** A POST to Acme's storefront as a browser on `origin` would send it, with the visitor's cookie. */
function postFrom(request: APIRequestContext, origin: string, path: string, form: Record<string, string>, cookie = '') {
  return request.post(`http://127.0.0.1:${PORT}${path}`, {
    headers: { host: `acme.localhost:${PORT}`, origin, ...(cookie ? { cookie } : {}) },
    form,
    maxRedirects: 0,
  });
}

async function sessionCookie(page: Page): Promise<string> {
  const cookie = (await page.context().cookies()).find((c) => c.name === 'authjs.session-token')!;
  return `${cookie.name}=${cookie.value}`;
}

test('a page on a sibling storefront cannot make Acme’s signed-in admin invite an attacker', async ({ page }) => {
  await signIn(page, 'acme.localhost', 'admin@acme.test');
  // The attack as it happened: a page on globex.localhost (served here by the test, as a reseller
  // hosting its own page would) auto-submits a form to acme.localhost. The two are one site for
  // the browser, so the SameSite=Lax session cookie rides along.
  await page.route(site('globex.localhost', '/attack'), (route) =>
    route.fulfill({
      contentType: 'text/html',
      body: `<form id="f" method="post" action="${ACME}/api/admin/staff/invite">
        <input name="email" value="attacker@evil.example"><input name="role" value="reseller_admin"><input name="returnTo" value="/admin">
        </form><script>document.getElementById('f').submit()</script>`,
    }),
  );
  const refused = page.waitForResponse((r) => r.url() === `${ACME}/api/admin/staff/invite`);
  await page.goto(site('globex.localhost', '/attack'));
  expect((await refused).status()).toBe(403);
  await expect(page.getByText('This request came from another site and was refused.')).toBeVisible();
  const cookie = await sessionCookie(page);
  for (const origin of FOREIGN_ORIGINS) {
    const response = await postFrom(page.request, origin, '/api/admin/staff/invite', { email: 'attacker@evil.example', role: 'reseller_admin' }, cookie);
    expect(response.status(), origin).toBe(403);
    expect(await response.text()).toContain('came from another site');
  }
  await page.goto(site('acme.localhost', '/admin'));
  await expect(page.getByTestId('staff')).toBeVisible();
  await expect(page.getByTestId('staff')).not.toContainText('attacker@evil.example');
});

test('account changes from another origin are refused and change nothing', async ({ page }) => {
  await signIn(page, 'acme.localhost', 'ben@contoso.test');
  const cookie = await sessionCookie(page);
  for (const origin of FOREIGN_ORIGINS) {
    const response = await postFrom(page.request, origin, '/api/account/profile', { name: 'Hacked by a form' }, cookie);
    expect(response.status(), origin).toBe(403);
  }
  await page.goto(site('acme.localhost', '/account'));
  await expect(page.locator('input[name=name]')).not.toHaveValue('Hacked by a form');
  // From the storefront itself the same form works.
  const own = await postFrom(page.request, ACME, '/api/account/profile', { name: 'Ben Contoso', returnTo: '/account' }, cookie);
  expect(own.status()).toBe(303);
});

test('another site cannot sign a visitor into the attacker’s account (login CSRF)', async ({ page, request }) => {
  // The attacker asks for a link to its own address and tries to make a visitor's browser use it.
  const since = Date.now() - 1000;
  await page.goto(site('acme.localhost', '/signin'));
  await page.locator('input[name=email]').fill('attacker@evil.example');
  await page.locator('form[action="/api/signin"] button[type=submit]').click();
  await expect(page).toHaveURL(/\/signin\/check-email$/);
  const link = new URL(linkIn(await mailTo('attacker@evil.example', since)));
  const form = Object.fromEntries(['token', 'email', 'callbackUrl'].map((k) => [k, link.searchParams.get(k) ?? '']));
  for (const origin of FOREIGN_ORIGINS) {
    const response = await postFrom(request, origin, '/api/signin/confirm', form);
    expect(response.status(), origin).toBe(403);
    expect(response.headers()['set-cookie'] ?? '').not.toContain('session-token');
  }
  // Nothing was used up: the link still works for its owner, on its own storefront.
  await page.goto(link.toString());
  await page.locator('form[action="/api/signin/confirm"] button[type=submit]').click();
  await expect(page.getByTestId('account-email')).toHaveText('attacker@evil.example');
});

test('storefront, account and admin pages carry the security headers and log no errors', async ({ page }) => {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  await signIn(page, 'acme.localhost', 'staff@acme.test');
  for (const path of ['/', '/products', '/products/zoom-workplace-pro', '/account', '/admin']) {
    const response = await page.goto(site('acme.localhost', path));
    expect(response?.status(), path).toBe(200);
    const headers = response!.headers();
    expect(headers['content-security-policy'], path).toMatch(/frame-ancestors 'none'/);
    expect(headers['content-security-policy']).toMatch(/object-src 'none'/);
    expect(headers['content-security-policy']).toMatch(/base-uri 'none'/);
    expect(headers['content-security-policy']).toMatch(/form-action 'self'/);
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
    expect(headers['permissions-policy']).toContain('camera=()');
  }
  const account = await page.goto(site('acme.localhost', '/account'));
  expect(account!.headers()['cache-control']).toMatch(/private|no-store/);
  expect(errors).toEqual([]);
});

test('a signed-in page cannot be framed by another site', async ({ page }) => {
  await signIn(page, 'acme.localhost', 'anna@contoso.test');
  await page.goto(site('globex.localhost', '/'));
  await page.evaluate((src) => {
    const frame = document.createElement('iframe');
    frame.src = src;
    frame.id = 'victim';
    document.body.append(frame);
  }, `${ACME}/account`);
  await page.waitForTimeout(1500);
  const framed = page.frames().find((f) => f.url().includes('acme.localhost'));
  // Blocked by frame-ancestors: the frame holds Chromium's error page, never the account.
  const text = framed ? await framed.locator('body').innerText().catch(() => '') : '';
  expect(text).not.toContain('anna@contoso.test');
});

test('`next start` in production without settings exits and lists what is missing', async () => {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1' };
  if (process.env.NEXT_DIST_DIR) env.NEXT_DIST_DIR = process.env.NEXT_DIST_DIR;
  const child = spawn(process.execPath, ['node_modules/next/dist/bin/next', 'start', '-p', String(PORT + 90)], { env });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk));
  const code = await new Promise<number | null>((resolve) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      resolve(null);
    }, 20_000);
    child.on('exit', (c) => {
      clearTimeout(timer);
      resolve(c);
    });
  });
  expect(code).toBe(1);
  expect(output).toContain('Channelfront cannot start');
  expect(output).toMatch(/DATABASE_URL is not set.*DATABASE_EMBEDDED=true/);
  expect(output).toMatch(/AUTH_SECRET is not set.*openssl rand -base64 32/);
  expect(output).toMatch(/SMTP_URL is not set.*MAIL_TRANSPORT=outbox/);
});

test('malformed addresses are a 400 with a reason, not a server error', async ({ request }) => {
  for (const path of ['/%', '/%zz', '/products/%00', '/products?category=%00', '/de/%E0%A4%A']) {
    const response = await request.get(`http://127.0.0.1:${PORT}${path}`, { headers: { host: `acme.localhost:${PORT}` }, maxRedirects: 0 });
    expect(response.status(), path).toBe(400);
    expect(await response.text()).toMatch(/malformed|control characters/);
  }
});

test('forms on a reseller’s custom domain post to their own storefront', async ({ page }) => {
  // The demo's verified custom domain, tried over plain http as in local development.
  await page.goto(site('shop.acme.test', '/signin'));
  await page.locator('input[name=email]').fill('anna@contoso.test');
  await page.locator('form[action="/api/signin"] button[type=submit]').click();
  await expect(page).toHaveURL(/shop\.acme\.test:\d+\/signin\/check-email$/);
});
