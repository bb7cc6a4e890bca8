import { expect, test } from '@playwright/test';
import { getAs, PORT, site } from './helpers';
import { linkIn, mailTo, requestLink, signIn } from './support/mailbox';

test('a customer signs in with a link sent by mail, bound to the storefront it was asked on', async ({ page }) => {
  const link = await requestLink(page, 'acme.localhost', 'anna@contoso.test');
  expect(new URL(link).host).toBe(`acme.localhost:${PORT}`);
  await page.goto(link);
  await expect(page.getByText('Sign in to Acme Cloud Solutions as anna@contoso.test?')).toBeVisible();
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(site('acme.localhost', '/account'));
  await expect(page.getByTestId('account-email')).toHaveText('anna@contoso.test');
  await expect(page.getByTestId('organization')).toContainText('Contoso Ltd');
});

test('opening the link (as a mail scanner does) does not use it up; using it does', async ({ page, request }) => {
  const link = await requestLink(page, 'acme.localhost', 'ben@contoso.test');
  const path = link.slice(link.indexOf('/signin'));
  expect((await getAs(request, 'acme.localhost', path)).status()).toBe(200);
  expect((await getAs(request, 'acme.localhost', path)).status()).toBe(200);
  await page.goto(link);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('account-email')).toHaveText('ben@contoso.test');
  // The same link a second time: a clear message instead of a session.
  await page.context().clearCookies();
  await page.goto(link);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/signin\?error=Verification/);
  await expect(page.getByTestId('form-error')).toHaveText('This sign-in link has expired or has already been used. Request a new one below.');
});

test('a session cookie copied to another storefront is refused there', async ({ page, browser }) => {
  await signIn(page, 'acme.localhost', 'staff@acme.test');
  const session = (await page.context().cookies()).find((c) => c.name === 'authjs.session-token')!;
  const other = await browser.newContext();
  await other.addCookies([{ ...session, domain: 'globex.localhost' }, { ...session, domain: 'localhost' }]);
  const tab = await other.newPage();
  await tab.goto(site('globex.localhost', '/account'));
  await expect(tab).toHaveURL(/globex\.localhost:\d+\/signin\?callbackUrl=/);
  await tab.goto(site('localhost', '/admin'));
  await expect(tab).toHaveURL(/localhost:\d+\/signin\?callbackUrl=%2Fadmin/);
  await other.close();
});

test('a customer cannot open another organisation or any portal', async ({ page, browser }) => {
  // Fay administers Fabrikam, another customer of the same reseller.
  const fay = await browser.newContext();
  const fayPage = await fay.newPage();
  await signIn(fayPage, 'acme.localhost', 'fay@fabrikam.test');
  await fayPage.getByRole('link', { name: 'Fabrikam Inc' }).click();
  const fabrikamUrl = fayPage.url();
  await fay.close();

  await signIn(page, 'acme.localhost', 'anna@contoso.test');
  const response = await page.goto(fabrikamUrl);
  expect(response?.status()).toBe(404);
  await expect(page.getByText('Fabrikam')).toHaveCount(0);

  const admin = await page.goto(site('acme.localhost', '/admin'));
  expect(admin?.status()).toBe(403);
  await expect(page.getByTestId('no-access')).toContainText('You do not have access to this portal.');
});

test('reseller and distributor admins reach their portals', async ({ page, browser }) => {
  await signIn(page, 'acme.localhost', 'admin@acme.test');
  await page.goto(site('acme.localhost', '/admin'));
  await expect(page.getByTestId('portal-intro')).toHaveText('Welcome to the Acme Cloud Solutions portal.');
  await expect(page.getByTestId('staff')).toContainText('staff@acme.test');

  const distributor = await browser.newContext();
  const tab = await distributor.newPage();
  await signIn(tab, 'localhost', 'admin@northwind.test');
  await tab.goto(site('localhost', '/admin'));
  await expect(tab.getByTestId('resellers')).toContainText('Globex IT-Services');
  await distributor.close();
});

test('the 11th sign-in request for an address within a minute gets 429', async ({ request }) => {
  const ask = () =>
    request.post(`http://127.0.0.1:${PORT}/api/signin`, {
      headers: { host: `globex.localhost:${PORT}` },
      form: { email: 'rate@limit.test', locale: 'de' },
      maxRedirects: 0,
    });
  for (let i = 1; i <= 10; i++) expect((await ask()).status(), `request ${i}`).toBe(303);
  const refused = await ask();
  expect(refused.status()).toBe(429);
  expect(refused.headers()['retry-after']).toBeTruthy();
  expect(await refused.text()).toContain('Too many sign-in requests');
});

test('answers for known and unknown addresses are the same', async ({ request }) => {
  const ask = (email: string) =>
    request.post(`http://127.0.0.1:${PORT}/api/signin`, { headers: { host: `acme.localhost:${PORT}` }, form: { email }, maxRedirects: 0 });
  const known = await ask('admin@acme.test');
  const unknown = await ask('nobody-here@example.test');
  expect(known.status()).toBe(unknown.status());
  expect(known.headers().location).toBe(unknown.headers().location);
});

test('a callback URL pointing to another host is ignored', async ({ page }) => {
  const since = Date.now() - 1000;
  await page.goto(site('acme.localhost', '/signin?callbackUrl=http://evil.test/steal'));
  await page.locator('input[name=email]').fill('admin@acme.test');
  await page.locator('form[action="/api/signin"] button[type=submit]').click();
  await page.goto(linkIn(await mailTo('admin@acme.test', since)));
  await page.getByRole('button', { name: 'Sign in' }).click();
  // Not to evil.test: to where Acme's admin works, its portal.
  await expect(page).toHaveURL(site('acme.localhost', '/admin'));
});

test('a visitor creates an organisation, invites a colleague who signs in, and the last admin cannot leave', async ({ page, browser }) => {
  await signIn(page, 'globex.localhost', 'founder@neuco.test');
  await expect(page.getByTestId('organization')).toContainText('Sie gehören in diesem Shop noch zu keiner Organisation');
  // On a phone the form fits the screen: the longest country's name once pushed the page sideways.
  await page.setViewportSize({ width: 390, height: 844 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth), 'page width on a 390 px phone').toBeLessThanOrEqual(390);
  await page.locator('input[name=name]').nth(1).fill('NeuCo AG');
  // The list names the countries in the page's language.
  await page.locator('select[name=country]').selectOption({ label: 'Deutschland' });
  await page.getByLabel('Straße und Hausnummer').fill('Hauptstraße 1');
  await page.getByLabel('Postleitzahl').fill('50667');
  await page.getByLabel('Ort', { exact: true }).fill('Köln');
  await page.getByRole('button', { name: 'Organisation anlegen' }).click();
  await page.getByRole('link', { name: 'NeuCo AG' }).click();
  await expect(page.getByTestId('organization-name')).toHaveText('NeuCo AG');
  // A new name shows on the account page at once (it is kept with the person's cached roles).
  const update = page.locator('form[action="/api/account/organizations/update"]');
  await update.locator('input[name=name]').fill('NeuCo Deutschland AG');
  await update.locator('button[type=submit]').click();
  await expect(page.getByTestId('organization-name')).toHaveText('NeuCo Deutschland AG');
  await page.goto(site('globex.localhost', '/account'));
  await expect(page.getByTestId('organization')).toContainText('NeuCo Deutschland AG');
  await page.getByRole('link', { name: 'NeuCo Deutschland AG' }).click();
  await update.locator('input[name=name]').fill('NeuCo AG');
  await update.locator('button[type=submit]').click();
  await expect(page.getByTestId('organization-name')).toHaveText('NeuCo AG');

  const since = Date.now() - 1000;
  await page.locator('form[action="/api/account/organizations/invite"] input[name=email]').fill('colleague@neuco.test');
  await page.getByRole('button', { name: 'Einladen' }).click();
  await expect(page.getByTestId('members')).toContainText('colleague@neuco.test · Eingeladen, noch nicht angemeldet');
  const invitation = await mailTo('colleague@neuco.test', since);
  expect(invitation.subject).toContain('NeuCo AG');

  const colleague = await browser.newContext();
  const tab = await colleague.newPage();
  await signIn(tab, 'globex.localhost', 'colleague@neuco.test');
  await expect(tab.getByTestId('organization')).toContainText('NeuCo AG');
  await colleague.close();

  await page.reload();
  await page.getByRole('button', { name: 'Organisation verlassen' }).click();
  await expect(page.getByTestId('form-error')).toContainText('mindestens einen Admin');
  await expect(page.getByTestId('organization-name')).toHaveText('NeuCo AG');
});

test('a request with x-middleware-subrequest is refused', async ({ request }) => {
  const response = await getAs(request, 'acme.localhost', '/account', { 'x-middleware-subrequest': 'middleware:middleware:middleware:middleware:middleware' });
  expect(response.status()).toBe(400);
});
