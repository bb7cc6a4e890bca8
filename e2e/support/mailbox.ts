import { expect, type Page } from '@playwright/test';
import { MAILBOX_PORT } from './smtp-catcher';
import { site } from '../helpers';

interface Mail {
  to: string[];
  subject: string;
  text: string;
  at: number;
}

/** Waits for a mail to `to` that arrived after `since` (and is `about` it), as caught by the test SMTP server. */
export async function mailTo(to: string, since: number, about: (mail: Mail) => boolean = () => true): Promise<Mail> {
  let found: Mail | undefined;
  await expect
    .poll(
      async () => {
        const mails = (await (await fetch(`http://127.0.0.1:${MAILBOX_PORT}/?to=${encodeURIComponent(to)}`)).json()) as Mail[];
        found = mails.filter((m) => m.at >= since && about(m)).at(-1);
        return !!found;
      },
      { timeout: 10_000 },
    )
    .toBe(true);
  return found!;
}

export function linkIn(mail: Mail): string {
  const link = /https?:\/\/\S+\/signin\/confirm\?\S+/.exec(mail.text)?.[0];
  if (!link) throw new Error(`no sign-in link in: ${mail.text}`);
  return link;
}

/** Asks for a sign-in link on the storefront's sign-in page and returns the link from the mail. */
export async function requestLink(page: Page, host: string, email: string, path = '/signin'): Promise<string> {
  const since = Date.now() - 1000;
  await page.goto(site(host, path));
  await page.locator('input[name=email]').fill(email);
  await page.locator('form[action="/api/signin"] button[type=submit]').click();
  await expect(page).toHaveURL(/\/signin\/check-email$/);
  return linkIn(await mailTo(email, since));
}

/** Signs in through the real mail path: request, read the mail, open the link, confirm. */
export async function signIn(page: Page, host: string, email: string): Promise<void> {
  // Tests in parallel may sign the same person in at the same moment; each takes the newest link,
  // so two can take one link and the second finds it used. That one asks again.
  await expect(async () => {
    const link = await requestLink(page, host, email);
    await page.goto(link);
    await page.locator('form[action="/api/signin/confirm"] button[type=submit]').click();
    // Customers land on their account, the storefront's staff in the portal.
    await expect(page.getByTestId('account-email').or(page.getByTestId('portal-nav'))).toBeVisible({ timeout: 3_000 });
    if (!new URL(page.url()).pathname.includes('/admin')) await expect(page.getByTestId('account-email')).toHaveText(email);
  }).toPass({ timeout: 45_000 });
}
