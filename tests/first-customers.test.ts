import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { resetSettings } from '@/lib/config/settings';
import { creditRequests, invoiceLines, invoices, mailOutbox, orderEvents, orderLines, memberships, orders, organizations, plans, tenants, users } from '@/lib/db/schema';
import { translator } from '@/lib/i18n/translator';
import { isCreditorReference } from '@/lib/invoices/format';
import { renderDocumentPdf } from '@/lib/invoices/pdf';
import { causeText } from '@/lib/orders/causes';
import { tenantChanged } from '@/lib/tenancy/invalidate';
import { driverName } from './helpers/db';
import { waitFor } from './helpers/wait';
import { createWorld, type World } from './helpers/world';

/**
 * A first customer of a storefront, end to end through the route handlers: signs up with its
 * billing address and VAT number (asked of a local stand-in for the EU's VIES service), pays by
 * bank transfer, and is provisioned when the reseller marks the invoice paid; a customer without
 * a way to pay asks for payment on account and the reseller grants it.
 */
let w: World;
let vies: Server;
const asked: string[] = [];
// What the stand-in answers, by VAT number (without its prefix), as VIES's REST API does.
const VIES_ANSWERS: Record<string, object | 'hang'> = {
  '136695976': { isValid: true, requestDate: '2026-12-03', userError: 'VALID', name: 'NEUKUNDE GMBH', address: 'KÖLN' },
  '811907980': { isValid: false, requestDate: '2026-12-03', userError: 'INVALID', name: '---', address: '---' },
  '40303265045': { isValid: false, requestDate: '2026-12-03', userError: 'MS_UNAVAILABLE' },
  '100000008': 'hang',
  '100000016': 'hang',
};
let basic: string;

beforeAll(async () => {
  vies = createServer((req, res) => {
    asked.push(req.url ?? '');
    const answer = VIES_ANSWERS[(req.url ?? '').split('/').pop() ?? ''];
    if (answer === 'hang') return; // no answer at all: the check times out
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer ?? { isValid: false, userError: 'INVALID' }));
  });
  await new Promise<void>((resolve) => vies.listen(0, '127.0.0.1', resolve));
  const { port } = vies.address() as { port: number };
  process.env.VIES_URL = `http://127.0.0.1:${port}/taxation_customs/vies/rest-api`;
  process.env.VIES_TIMEOUT_MS = '300';
  resetSettings();
  w = await createWorld();
  await w.startJobs();
  [{ id: basic }] = (await w.db.select({ id: plans.id }).from(plans).where(eq(plans.sku, 'MS-M365-BASIC-M'))) as [{ id: string }];
}, 60_000);
afterAll(async () => {
  await w?.drop();
  vies?.close();
  delete process.env.VIES_URL;
  delete process.env.VIES_TIMEOUT_MS;
  resetSettings();
});
beforeEach(() => w.install());

const acme = () => w.tenants.acme;
/** Someone who signed in on Acme for the first time (Auth.js has made their user): their session. */
async function newcomer(email: string) {
  await w.db.insert(users).values({ tenantId: acme().id, email, name: email.split('@')[0] }).onConflictDoNothing();
  return w.cookieFor(acme(), email);
}
const ROUTES = {
  organizations: () => import('@/app/api/account/organizations/route'),
  cart: () => import('@/app/api/cart/route'),
  checkout: () => import('@/app/api/checkout/route'),
  paid: () => import('@/app/api/admin/invoices/paid/route'),
  ask: () => import('@/app/api/account/credit-request/route'),
  decide: () => import('@/app/api/admin/customers/credit-requests/route'),
};
async function post(route: keyof typeof ROUTES, cookie: string, body: object) {
  const { POST } = await ROUTES[route]();
  const response = await POST(w.request(acme(), `/api/${route}`, { cookie, body }));
  return { status: response.status, body: (await response.json()) as { data?: Record<string, unknown>; error?: { code: string; message: string; values?: Record<string, unknown> } } };
}
const company = (name: string, taxId: string) => ({ name, country: 'DE', billingEmail: `ap@${name.split(' ')[0]!.toLowerCase()}.test`, street: 'Hauptstraße 1', postalCode: '50667', city: 'Köln', currency: 'EUR', taxId });
const orgNamed = async (name: string) => (await w.db.select().from(organizations).where(and(eq(organizations.tenantId, acme().id), eq(organizations.name, name))))[0];
const mailsTo = (to: string) => w.db.select().from(mailOutbox).where(and(eq(mailOutbox.tenantId, acme().id), eq(mailOutbox.to, to)));

function pdfText(pdf: Buffer): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'cf-invoice-')), 'invoice.pdf');
  writeFileSync(file, pdf);
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}

describe(`the VAT number of a new organisation (${driverName})`, () => {
  it('one VIES confirms is kept verified, in its compact form', async () => {
    const greta = await newcomer('greta@neukunde.test');
    expect((await post('organizations', greta, company('Neukunde GmbH', 'de 136 695 976'))).status).toBe(200);
    const org = await orgNamed('Neukunde GmbH');
    expect(org).toMatchObject({ taxId: 'DE136695976', street: 'Hauptstraße 1', postalCode: '50667', city: 'Köln' });
    expect(org!.taxIdVerifiedAt).not.toBeNull();
    expect(asked).toContain('/taxation_customs/vies/rest-api/ms/DE/vat/136695976');
  });

  it('one with a wrong check digit is refused before VIES is asked, naming the field', async () => {
    const before = asked.length;
    const response = await post('organizations', await newcomer('tippfehler@example.test'), company('Tippfehler AG', 'DE136695977'));
    expect(response.status).toBe(422);
    expect(response.body.error!.message).toMatch(/taxId: its check digit does not match/);
    expect(asked.length).toBe(before);
    expect(await orgNamed('Tippfehler AG')).toBeUndefined();
  });

  it('one VIES says is not registered is refused, and nothing is stored', async () => {
    const response = await post('organizations', await newcomer('fake@example.test'), company('Schein GmbH', 'DE811907980'));
    expect(response.status).toBe(422);
    expect(response.body.error!.message).toMatch(/taxId: the EU's VIES service says DE811907980 is not a registered VAT number/);
    expect(await orgNamed('Schein GmbH')).toBeUndefined();
  });

  it('VIES not answering (a member state down, or no answer at all) never holds the customer up: kept unverified', async () => {
    const down = { ...company('Unverified SARL', 'FR40303265045'), country: 'FR' };
    expect((await post('organizations', await newcomer('fr@example.test'), down)).status).toBe(200);
    expect((await orgNamed('Unverified SARL'))!.taxIdVerifiedAt).toBeNull();
    const started = Date.now();
    expect((await post('organizations', await newcomer('slow@example.test'), company('Langsam GmbH', 'DE100000008'))).status).toBe(200);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect((await orgNamed('Langsam GmbH'))!.taxIdVerifiedAt).toBeNull();
  });

  it('is asked outside the request’s transaction: a slow VIES holds nobody else up', async () => {
    process.env.VIES_TIMEOUT_MS = '1500';
    resetSettings();
    try {
      const slow = post('organizations', await newcomer('patient@example.test'), company('Geduld GmbH', 'DE100000016'));
      await new Promise((r) => setTimeout(r, 100));
      // Someone else's request meanwhile (on the embedded database, one transaction at a time).
      const started = Date.now();
      expect((await post('cart', await w.cookieFor(acme(), 'anna@contoso.test'), { planId: basic, seats: 1 })).status).toBe(200);
      expect(Date.now() - started).toBeLessThan(1_000);
      expect((await slow).status).toBe(200);
    } finally {
      process.env.VIES_TIMEOUT_MS = '300';
      resetSettings();
    }
  });
});

describe(`paying by bank transfer (${driverName})`, () => {
  it('a German business orders on Acme by transfer, reverse-charged; the reseller marks it paid and the service is set up and announced', async () => {
    const greta = await newcomer('greta@neukunde.test');
    const org = (await orgNamed('Neukunde GmbH'))!;
    expect((await post('cart', greta, { planId: basic, seats: 2 })).status).toBe(200);

    // On account is not this customer's: the refusal names what it can use.
    const refused = await post('checkout', greta, { organizationId: org.id, paymentMethod: 'on_account', idempotencyKey: randomBytes(12).toString('hex'), locale: 'de' });
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ code: 'payment_unavailable', values: { methods: ['bank_transfer'] } });

    const placed = await post('checkout', greta, { organizationId: org.id, paymentMethod: 'bank_transfer', idempotencyKey: randomBytes(12).toString('hex'), locale: 'de', purchaseOrder: ' PO-4711 ' });
    expect(placed.status).toBe(200);
    const orderId = placed.body.data!.orderId as string;
    const [order] = await w.db.select().from(orders).where(eq(orders.id, orderId));
    // A US seller, a German business with a VAT number: reverse charge, no VAT.
    expect(order).toMatchObject({ state: 'awaiting_payment', paymentMethod: 'bank_transfer', currency: 'EUR', taxBasisPoints: 0, tax: 0, reverseCharge: true, purchaseOrder: 'PO-4711' });
    expect(order!.billing).toMatchObject({ name: 'Neukunde GmbH', country: 'DE', taxId: 'DE136695976', address: 'Hauptstraße 1\n50667 Köln' });

    const [invoice] = await w.db.select().from(invoices).where(eq(invoices.orderId, orderId));
    expect(invoice).toMatchObject({ kind: 'invoice', status: 'open', paymentMethod: 'bank_transfer', total: order!.total, reverseCharge: true, purchaseOrder: 'PO-4711' });
    expect(isCreditorReference(invoice!.transferReference!)).toBe(true);
    expect(invoice!.seller.bank).toMatchObject({ iban: 'DE89370400440532013000', bic: 'COBADEFFXXX' });
    expect(invoice!.dueAt!.getTime() - invoice!.issuedAt.getTime()).toBe(14 * 86_400_000);
    // Nothing is set up before the money arrives.
    expect((await w.db.select().from(orderLines).where(eq(orderLines.orderId, orderId))).map((l) => l.state)).toEqual(['pending']);

    // The invoice and how to pay it arrive by mail, in the language ordered in.
    const [instructions] = await waitFor(() => mailsTo('greta@neukunde.test'), (m) => m.some((x) => x.subject.includes('Überweisung')));
    expect(instructions!.text).toContain('IBAN: DE89 3704 0044 0532 0130 00');
    expect(instructions!.text.replace(/\s/g, '')).toContain(invoice!.transferReference!);
    expect(instructions!.text).toContain('Wir richten Ihre Abonnements ein, sobald das Geld eingegangen ist');

    // The PDF names the buyer's address, the reference, Acme's bank and the reverse charge.
    const lines = await w.db.select().from(invoiceLines).where(eq(invoiceLines.invoiceId, invoice!.id));
    const text = pdfText(await renderDocumentPdf(invoice!, lines, order!.number)).replace(/\s+/g, ' ');
    for (const words of ['Hauptstraße 1', '50667 Köln', 'Deutschland', 'Ihre Bestellnummer PO-4711', 'DE89 3704 0044 0532 0130 00', 'COBADEFFXXX', 'Reverse Charge', 'Verwendungszweck']) expect(text, words).toContain(words);

    // The reseller sees the money arrive and marks the invoice paid: provisioning starts.
    const admin = await w.cookieFor(acme(), 'admin@acme.test');
    expect((await post('paid', admin, { invoiceId: invoice!.id })).body.data).toMatchObject({ outcome: 'paid' });
    const done = await waitFor(async () => (await w.db.select().from(orders).where(eq(orders.id, orderId)))[0]!, (o) => o.state === 'completed');
    expect(done.paidAt).not.toBeNull();
    expect((await post('paid', admin, { invoiceId: invoice!.id })).body.data).toMatchObject({ outcome: 'already_paid' });
    const ready = await waitFor(() => mailsTo('greta@neukunde.test'), (m) => m.some((x) => x.subject.includes('ist bereit')));
    expect(ready.find((m) => m.subject.includes('ist bereit'))!.text).toMatch(/Microsoft 365 Business Basic.*\(2 Lizenzen\).*einsatzbereit/);

    // Its history, in German: every cause has its sentence.
    const events = await w.db.select().from(orderEvents).where(eq(orderEvents.orderId, orderId));
    const de = translator('de', 'orderHistory');
    const causes = events.map((e) => causeText(e.cause, de));
    expect(causes).toEqual(expect.arrayContaining(['aufgegeben von greta@neukunde.test', 'wartet auf die Überweisung', 'Zahlung eingegangen, als bezahlt markiert von admin@acme.test', 'Zahlung eingegangen', 'alle Positionen eingerichtet']));
    for (const e of events) expect(causeText(e.cause, de), e.cause).not.toBe(e.cause);
  });

  it('a storefront that provisions before payment sets the order up at once, the invoice still open', async () => {
    await w.db.update(tenants).set({ provisionBeforePayment: true }).where(eq(tenants.id, acme().id));
    await tenantChanged(w.db, acme().id);
    try {
      const greta = await newcomer('greta@neukunde.test');
      const org = (await orgNamed('Neukunde GmbH'))!;
      await post('cart', greta, { planId: basic, seats: 1 });
      const placed = await post('checkout', greta, { organizationId: org.id, paymentMethod: 'bank_transfer', idempotencyKey: randomBytes(12).toString('hex'), locale: 'en' });
      const orderId = placed.body.data!.orderId as string;
      const done = await waitFor(async () => (await w.db.select().from(orders).where(eq(orders.id, orderId)))[0]!, (o) => o.state === 'completed');
      expect(done.paidAt).toBeNull();
      const [invoice] = await w.db.select().from(invoices).where(eq(invoices.orderId, orderId));
      expect(invoice!.status).toBe('open');
    } finally {
      await w.db.update(tenants).set({ provisionBeforePayment: false }).where(eq(tenants.id, acme().id));
      await tenantChanged(w.db, acme().id);
    }
  });
});

describe(`asking for payment on account (${driverName})`, () => {
  it('a member asks, the reseller is mailed and grants it with a limit; the customer may then buy on account', async () => {
    const greta = await newcomer('greta@neukunde.test');
    const org = (await orgNamed('Neukunde GmbH'))!;
    // Greta's colleague, a member (not an admin) of Neukunde, asks; someone outside it cannot.
    const moritz = await newcomer('moritz@neukunde.test');
    const [user] = await w.db.select().from(users).where(and(eq(users.tenantId, acme().id), eq(users.email, 'moritz@neukunde.test')));
    await w.db.insert(memberships).values({ tenantId: acme().id, userId: user!.id, organizationId: org.id, role: 'customer_member' });
    expect((await post('ask', await w.cookieFor(acme(), 'anna@contoso.test'), { organizationId: org.id })).status).toBe(404);
    expect((await post('ask', moritz, { organizationId: org.id, amount: '2 500', note: 'Monthly licences for 40 people' })).status).toBe(200);
    // A second request while one is open is refused.
    expect((await post('ask', greta, { organizationId: org.id })).body.error!.code).toBe('credit_requested');
    const [request] = await w.db.select().from(creditRequests).where(eq(creditRequests.organizationId, org.id));
    expect(request).toMatchObject({ status: 'open', amount: 250_000, requestedBy: 'moritz@neukunde.test', note: 'Monthly licences for 40 people' });
    expect((await mailsTo('admin@acme.test')).some((m) => m.subject.includes('Neukunde GmbH asks to pay on account'))).toBe(true);

    // Another storefront's admin cannot answer it; a typo in the limit is refused and changes nothing.
    const admin = await w.cookieFor(acme(), 'admin@acme.test');
    const { POST: decide } = await ROUTES.decide();
    const foreign = await decide(w.request(w.tenants.globex, '/api/admin/customers/credit-requests', { cookie: await w.cookieFor(w.tenants.globex, 'admin@globex.test'), body: { requestId: request!.id, decision: 'grant', creditLimit: '5000' } }));
    expect(foreign.status).toBe(404);
    const typo = await post('decide', admin, { requestId: request!.id, decision: 'grant', creditLimit: '5.000,00x' });
    expect(typo.status).toBe(422);
    expect(typo.body.error!.message).toMatch(/creditLimit: an amount in EUR/);
    expect((await orgNamed('Neukunde GmbH'))!.onAccount).toBe(false);

    expect((await post('decide', admin, { requestId: request!.id, decision: 'grant', creditLimit: '5000' })).status).toBe(200);
    expect(await orgNamed('Neukunde GmbH')).toMatchObject({ onAccount: true, creditLimit: 500_000 });
    expect((await post('decide', admin, { requestId: request!.id, decision: 'decline' })).body.error!.code).toBe('request_decided');
    // The admin and the member who asked hear the answer.
    for (const to of ['greta@neukunde.test', 'moritz@neukunde.test']) {
      const granted = (await mailsTo(to)).find((m) => m.subject.includes('pay on account'));
      expect(granted!.text, to).toContain('€5,000.00');
    }

    await post('cart', greta, { planId: basic, seats: 1 });
    const placed = await post('checkout', greta, { organizationId: org.id, paymentMethod: 'on_account', idempotencyKey: randomBytes(12).toString('hex'), locale: 'en' });
    expect(placed.status).toBe(200);
  });

  it('a declined request says why, and the customer may ask again', async () => {
    const cookie = await newcomer('fr@example.test');
    const org = (await orgNamed('Unverified SARL'))!;
    expect((await post('ask', cookie, { organizationId: org.id })).status).toBe(200);
    const [request] = await w.db.select().from(creditRequests).where(eq(creditRequests.organizationId, org.id));
    const admin = await w.cookieFor(acme(), 'admin@acme.test');
    expect((await post('decide', admin, { requestId: request!.id, decision: 'decline', reason: 'Please order by transfer for three months first.' })).status).toBe(200);
    expect((await orgNamed('Unverified SARL'))!.onAccount).toBe(false);
    expect((await mailsTo('fr@example.test')).find((m) => m.text.includes('Please order by transfer for three months first.'))).toBeDefined();
    expect((await post('ask', cookie, { organizationId: org.id })).status).toBe(200);
  });
});
