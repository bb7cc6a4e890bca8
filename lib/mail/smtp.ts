import nodemailer, { type Transporter } from 'nodemailer';
import type { Mail } from './index';

// One transport per process and URL; nodemailer pools nothing by default, which is fine here.
let transport: { url: string; transporter: Transporter } | undefined;

export async function sendSmtp(url: string, from: string, mail: Mail, replyTo?: string): Promise<void> {
  if (transport?.url !== url) transport = { url, transporter: nodemailer.createTransport(url) };
  await transport.transporter.sendMail({ from, to: mail.to, subject: mail.subject, text: mail.text, html: mail.html, ...(replyTo ? { replyTo } : {}) });
}
