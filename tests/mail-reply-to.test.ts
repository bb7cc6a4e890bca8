import { type AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resetSettings } from '@/lib/config/settings';
import { sendMail } from '@/lib/mail';
import { driverName } from './helpers/db';
import { createWorld, type World } from './helpers/world';

/** Mails go out over real SMTP (a local catcher here) with the storefront's contact address to reply to. */

let w: World;
let smtp: SMTPServer;
const caught: ParsedMail[] = [];

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, _session, callback) {
      simpleParser(stream).then((mail) => { caught.push(mail); callback(); }).catch(callback);
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  process.env.SMTP_URL = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`;
  resetSettings();
  w = await createWorld();
}, 60_000);
afterAll(async () => {
  delete process.env.SMTP_URL;
  resetSettings();
  await w?.drop();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
});

describe(`mail reply-to (${driverName})`, () => {
  it('a storefront with a contact address gets the replies; one without leaves Reply-To out', async () => {
    w.install();
    await sendMail(w.db, { tenantId: w.tenants.acme.id, to: 'anna@contoso.test', subject: 'Your order', text: 'Thanks.' });
    await sendMail(w.db, { tenantId: w.tenants.globex.id, to: 'kunde@example.test', subject: 'Ihre Bestellung', text: 'Danke.' });
    expect(caught.map((m) => [m.subject, m.replyTo?.text ?? null])).toEqual([['Your order', 'hello@acme.test'], ['Ihre Bestellung', null]]);
  });
});
