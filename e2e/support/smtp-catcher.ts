import { createServer, type Server } from 'node:http';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export const SMTP_PORT = Number(process.env.E2E_SMTP_PORT || 2525);
export const MAILBOX_PORT = SMTP_PORT + 1;

interface Caught {
  to: string[];
  subject: string;
  text: string;
  at: number;
}

/**
 * A stand-in mail server for the end-to-end tests: it accepts whatever the app sends over SMTP
 * and lets tests read the mails of an address over HTTP (the tests run in other processes).
 */
export async function startSmtpCatcher(): Promise<() => Promise<void>> {
  const mails: Caught[] = [];
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((mail) => {
          mails.push({ to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()), subject: mail.subject ?? '', text: mail.text ?? '', at: Date.now() });
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => smtp.listen(SMTP_PORT, '127.0.0.1', resolve));
  const http: Server = createServer((req, res) => {
    const to = new URL(req.url ?? '/', 'http://x').searchParams.get('to')?.toLowerCase() ?? '';
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify(mails.filter((m) => m.to.includes(to))));
  });
  await new Promise<void>((resolve) => http.listen(MAILBOX_PORT, '127.0.0.1', resolve));
  return async () => {
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
    await new Promise<void>((resolve) => http.close(() => resolve()));
  };
}
