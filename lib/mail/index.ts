import { settings } from '../config/settings';
import type { Db } from '../db/client';
import { eq } from 'drizzle-orm';
import { mailOutbox, tenants } from '../db/schema';

export interface Mail {
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** The storefront the mail is sent for, kept with outbox copies. */
  tenantId: string;
}

/**
 * Sends a mail over SMTP when SMTP_URL is set (smtp://user:pass@host:port, smtps://…); otherwise
 * keeps it in the local outbox table and prints it, so local sign-in works without a mail server.
 */
export async function sendMail(db: Db, mail: Mail): Promise<void> {
  const { mailFrom: from, smtpUrl: url } = settings();
  if (url) {
    const { sendSmtp } = await import('./smtp');
    // Customers answering a storefront's mail reach the storefront (its contact address, set in
    // /admin/settings), not the platform's sending address.
    const [tenant] = await db.select({ contactEmail: tenants.contactEmail }).from(tenants).where(eq(tenants.id, mail.tenantId)).limit(1);
    await sendSmtp(url, from, mail, tenant?.contactEmail ?? undefined);
    return;
  }
  await db.insert(mailOutbox).values({ tenantId: mail.tenantId, to: mail.to, subject: mail.subject, text: mail.text, html: mail.html ?? null });
  console.log(`\n── mail (no SMTP_URL: kept in the outbox) ──\nTo: ${mail.to}\nSubject: ${mail.subject}\n\n${mail.text}\n──\n`);
}
