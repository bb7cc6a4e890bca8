import type { Db } from '../db/client';
import { sendMail } from '../mail';
import { mailTranslator } from '../mail/translator';
import { branded, mailOrigin } from '../orders/mails';
import type { Tenant } from '../tenancy/types';

/**
 * The welcome to a reseller's new (or reopened) storefront, to each of its admins, in the
 * storefront's language. The link opens the sign-in page of the storefront itself, with the
 * address filled in and `/admin` as the destination: a sign-in link that keeps working (a one-time
 * token would expire before many people read their mail).
 */
export async function sendWelcomeMail(db: Db, tenant: Tenant, emails: string[]): Promise<void> {
  const { t } = await mailTranslator(tenant.defaultLocale);
  const origin = mailOrigin(tenant);
  for (const email of emails) {
    const link = new URL('/signin', origin);
    link.searchParams.set('email', email);
    link.searchParams.set('callbackUrl', '/admin');
    const text = t('welcomeText', { store: tenant.name, url: origin, link: link.toString(), email });
    await sendMail(db, {
      tenantId: tenant.id,
      to: email,
      subject: t('welcomeSubject', { store: tenant.name }),
      text,
      html: branded(tenant, text, { href: link.toString(), label: t('welcomeLink') }),
    });
  }
}
