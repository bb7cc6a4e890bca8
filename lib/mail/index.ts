import { settings } from '../config/settings';
import type { Db } from '../db/client';
import { mailOutbox } from '../db/schema';

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
    await sendSmtp(url, from, mail);
    return;
  }
  await db.insert(mailOutbox).values({ tenantId: mail.tenantId, to: mail.to, subject: mail.subject, text: mail.text, html: mail.html ?? null });
  console.log(`\n── mail (no SMTP_URL: kept in the outbox) ──\nTo: ${mail.to}\nSubject: ${mail.subject}\n\n${mail.text}\n──\n`);
}
