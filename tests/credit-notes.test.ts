import { randomBytes } from 'node:crypto';
import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { setClock } from '@/lib/clock';
import { resetSettings } from '@/lib/config/settings';
import { accountCredits, invoiceLines, invoices, orderLines, plans, subscriptions } from '@/lib/db/schema';
import { taxOn } from '@/lib/money';
import { reconcilePayments } from '@/lib/orders/reconcile-payments';
import { openBalances } from '@/lib/payments';
import { driverName } from './helpers/db';
import { forgetStandIn, startStripeStandIn, useStandIn, type StripeStandIn } from './helpers/stripe-stand-in';
import { waitFor } from './helpers/wait';
import { createWorld, type World } from './helpers/world';

/**
 * Credit notes by hand, from an invoice in the portal: chosen lines or an amount, never more than
 * is left of the invoice (also when several are issued at once), with the invoice's tax, and the
 * money where it belongs: off what is still due, back to the card that paid, or the customer's
 * credit, which its next invoice on account uses.
 */
let w: World;
let stripe: StripeStandIn;
const clock = new Date('2027-03-01T10:00:00Z');
let anna: string;
let staff: string;
let admin: string;
let contoso: string;
let acronis: string;
let m365: string;
const key = () => randomBytes(12).toString('hex');

beforeAll(async () => {
  stripe = await startStripeStandIn();
  useStandIn(stripe);
  resetSettings();
  w = await createWorld();
  setClock(() => clock);
  await w.startJobs({ now: () => clock });
  anna = await w.cookieFor(w.tenants.acme, 'anna@contoso.test');
  staff = await w.cookieFor(w.tenants.acme, 'staff@acme.test');
  admin = await w.cookieFor(w.tenants.acme, 'admin@acme.test');
  contoso = await w.orgId(w.tenants.acme, 'Contoso Ltd');
  const plan = async (sku: string) => (await w.db.select().from(plans).where(eq(plans.sku, sku)))[0]!.id;
  acronis = await plan('AC-CPC-STD-M');
  m365 = await plan('MS-M365-BASIC-M');
}, 60_000);
afterAll(async () => {
  setClock(undefined);
  await w?.drop();
  await stripe?.close();
  forgetStandIn();
  resetSettings();
});
beforeEach(() => w.install());

type Answer = { status: number; body: { data?: { creditNoteId?: string; number?: number; total?: number; settlement?: string; orderId?: string; paymentUrl?: string }; error?: { code: string; message: string; details?: string[] } } };

async function post(route: string, cookie: string | undefined, body: object, tenant = w.tenants.acme): Promise<Answer> {
  const mod = (await import(`@/app/api/${route}/route`)) as { POST: (r: Request) => Promise<Response> };
  const response = await mod.POST(w.request(tenant, `/api/${route}`, { cookie, body }));
  return { status: response.status, body: await response.json() };
}

/** Contoso buys the plans (plan id, seats) by card or on account; returns the order's invoice once it is issued. */
async function buy(items: [string, number][], paymentMethod: 'card' | 'on_account') {
  for (const [planId, seats] of items) expect((await post('cart', anna, { planId, seats })).status).toBe(200);
  const placed = await post('checkout', anna, { organizationId: contoso, paymentMethod, idempotencyKey: key(), locale: 'en' });
  expect(placed.status, JSON.stringify(placed.body)).toBe(200);
  const orderId = placed.body.data!.orderId!;
  if (paymentMethod === 'card') {
    stripe.pay(/\/pay\/(cs_[A-Za-z0-9_]+)/.exec(placed.body.data!.paymentUrl!)![1]!);
    expect((await reconcilePayments(w.app.db, clock)).fulfilled).toBe(1);
  }
  // Set up before it is credited, as a real order would be (a line not set up is credited by itself).
  const lines = await w.db.select().from(orderLines).where(eq(orderLines.orderId, orderId));
  await waitFor(async () => w.db.$count(subscriptions, eq(subscriptions.orderId, orderId)), (n) => n === lines.length);
  return (await waitFor(async () => (await w.db.select().from(invoices).where(eq(invoices.orderId, orderId)))[0], (i) => !!i))!;
}

const invoiceById = async (id: string) => (await w.db.select().from(invoices).where(eq(invoices.id, id)))[0]!;
const notesOf = (id: string) => w.db.select().from(invoices).where(eq(invoices.creditsInvoiceId, id)).orderBy(asc(invoices.number));
const linesOf = (id: string) => w.db.select().from(invoiceLines).where(eq(invoiceLines.invoiceId, id)).orderBy(asc(invoiceLines.position));
const creditNoteCount = () => w.db.$count(invoices, and(eq(invoices.tenantId, w.tenants.acme.id), eq(invoices.kind, 'credit_note')));
const balance = async () => (await w.db.select().from(accountCredits).where(eq(accountCredits.organizationId, contoso))).reduce((s, e) => s + e.amount, 0);
const credit = (cookie: string | undefined, body: Record<string, unknown>, tenant = w.tenants.acme) =>
  post('admin/invoices/credit', cookie, { idempotencyKey: key(), locale: 'en', reason: 'Billed twice by mistake', ...body }, tenant);
/** An amount in minor units as a person types it. */
const typed = (minor: number) => (minor / 100).toFixed(2);

describe(`credit notes by hand (${driverName})`, () => {
  it('staff credit one line of an invoice still open: that line at the invoice’s tax, numbered next, off what is due; the reason and who on the note', async () => {
    const invoice = await buy([[acronis, 5], [m365, 3]], 'on_account');
    expect(invoice.status).toBe('open');
    const [, second] = await linesOf(invoice.id);
    const before = await creditNoteCount();

    const done = await credit(staff, { invoiceId: invoice.id, lines: String(second!.position), reason: 'Three Microsoft seats were never used' });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body.data!.settlement).toBe('due');
    const [note] = await notesOf(invoice.id);
    expect(note).toMatchObject({ kind: 'credit_note', status: 'issued', number: before + 1, subtotal: second!.amount, tax: taxOn(second!.amount, invoice.taxBasisPoints), reason: 'Three Microsoft seats were never used', issuedBy: 'staff@acme.test', organizationId: contoso });
    expect((await linesOf(note!.id)).map((l) => [l.creditsPosition, l.amount, l.quantity])).toEqual([[second!.position, second!.amount, 3]]);
    const after = await invoiceById(invoice.id);
    expect(after).toMatchObject({ status: 'open', creditApplied: note!.total, total: invoice.total });

    // That line is credited in full now: asked again, refused, and nothing is issued.
    const again = await credit(staff, { invoiceId: invoice.id, lines: String(second!.position) });
    expect([again.status, again.body.error!.code]).toEqual([409, 'over_creditable']);
    expect(await creditNoteCount()).toBe(before + 1);
  });

  it('an amount: a typo or more than is left is refused and changes nothing; what is left credits the invoice exactly, tax included, and settles it', async () => {
    const invoice = await buy([[acronis, 3]], 'on_account');
    const before = await creditNoteCount();
    const refusals = [
      await credit(staff, { invoiceId: invoice.id, amount: typed(invoice.subtotal + 1) }),
      await credit(staff, { invoiceId: invoice.id, amount: '12.5.0' }),
      // An English thousand is not a German decimal comma: refused, never a credit of 1.00.
      await credit(staff, { invoiceId: invoice.id, amount: '1,000' }),
      await credit(staff, { invoiceId: invoice.id, amount: '-5' }),
      await credit(staff, { invoiceId: invoice.id, amount: '10.00', lines: '1' }),
      await credit(staff, { invoiceId: invoice.id }),
      await credit(staff, { invoiceId: invoice.id, amount: '10.00', reason: ' ' }),
    ];
    expect(refusals.map((r) => [r.status, r.body.error!.code])).toEqual([[409, 'over_creditable'], [422, 'invalid_input'], [422, 'invalid_input'], [422, 'invalid_input'], [422, 'invalid_input'], [422, 'invalid_input'], [422, 'invalid_input']]);
    expect(refusals[1]!.body.error!.message).toContain('amount');
    expect(refusals[2]!.body.error!.message).toContain('amount');
    expect(refusals[4]!.body.error!.message).toContain('not both');
    expect(JSON.stringify(refusals[6]!.body.error)).toContain('reason');
    expect(await creditNoteCount()).toBe(before);
    expect(await invoiceById(invoice.id)).toEqual(invoice);

    // A third, typed the German way, then all that is left.
    const third = Math.floor(invoice.subtotal / 3);
    expect((await credit(admin, { invoiceId: invoice.id, amount: typed(third).replace('.', ',') })).status).toBe(200);
    const rest = await credit(admin, { invoiceId: invoice.id, amount: typed(invoice.subtotal - third) });
    expect(rest.status, JSON.stringify(rest.body)).toBe(200);
    const notes = await notesOf(invoice.id);
    expect(notes.map((n) => n.subtotal)).toEqual([third, invoice.subtotal - third]);
    // Each rounds its own tax; the last takes what is left, so together they are the invoice to the cent.
    expect(notes.reduce((s, n) => s + n.total, 0)).toBe(invoice.total);
    expect(await invoiceById(invoice.id)).toMatchObject({ status: 'paid', creditApplied: invoice.total });
    expect((await credit(admin, { invoiceId: invoice.id, amount: '0.01' })).body.error!.code).toBe('over_creditable');
  });

  it('credit notes issued at once never credit more than the invoice; the same key issues one', async () => {
    const invoice = await buy([[acronis, 4]], 'on_account');
    const share = typed(Math.ceil(invoice.subtotal * 0.3));
    const answers = await Promise.all(Array.from({ length: 6 }, () => credit(staff, { invoiceId: invoice.id, amount: share })));
    expect(answers.filter((a) => a.status === 200)).toHaveLength(3);
    expect(answers.filter((a) => a.status === 409).every((a) => a.body.error!.code === 'over_creditable')).toBe(true);
    const notes = await notesOf(invoice.id);
    expect(notes).toHaveLength(3);
    expect(notes.reduce((s, n) => s + n.total, 0)).toBeLessThanOrEqual(invoice.total);
    expect((await invoiceById(invoice.id)).creditApplied).toBe(notes.reduce((s, n) => s + n.total, 0));
    // Numbers stay gapless: the refused ones took none.
    const all = await w.db.select({ number: invoices.number }).from(invoices).where(and(eq(invoices.tenantId, w.tenants.acme.id), eq(invoices.kind, 'credit_note'))).orderBy(asc(invoices.number));
    expect(all.map((n) => n.number)).toEqual(all.map((_, i) => i + 1));

    const once = key();
    const first = await credit(staff, { invoiceId: invoice.id, amount: '0.01', idempotencyKey: once });
    const second = await credit(staff, { invoiceId: invoice.id, amount: '0.01', idempotencyKey: once });
    expect(second.body.data!.creditNoteId).toBe(first.body.data!.creditNoteId);
    expect(await notesOf(invoice.id)).toHaveLength(4);
  });

  it('a paid invoice on account: the credit is the customer’s balance, and its next invoice on account uses it', async () => {
    const invoice = await buy([[acronis, 2]], 'on_account');
    expect((await post('admin/invoices/paid', admin, { invoiceId: invoice.id })).status).toBe(200);
    const owed = async () => (await openBalances(w.db, w.tenants.acme.id, [contoso])).get(contoso) ?? 0;
    const owedBefore = await owed();
    const start = await balance();
    const done = await credit(staff, { invoiceId: invoice.id, lines: '1' });
    expect(done.body.data!.settlement).toBe('balance');
    const [note] = await notesOf(invoice.id);
    expect(await balance()).toBe(start + note!.total);
    // What Contoso owes on account (its credit limit's measure) drops by the credit, once.
    expect(await owed()).toBe(Math.max(0, owedBefore - note!.total));

    // The next invoice on account (a bigger one) pays the balance off first and is left open for the rest.
    const next = await buy([[acronis, 5]], 'on_account');
    expect(next).toMatchObject({ status: 'open', creditApplied: start + note!.total });
    expect(await balance()).toBe(0);
    const used = await w.db.select().from(accountCredits).where(eq(accountCredits.invoiceId, next.id));
    expect(used.map((u) => u.amount)).toEqual([-(start + note!.total)]);
    // Spent, the credit is counted on the invoice and no longer on the balance: not twice.
    expect(await owed()).toBe(owedBefore + next.total - (start + note!.total));
  });

  it('an invoice paid by card: the credit note goes back to the card that paid it, once', async () => {
    const invoice = await buy([[acronis, 3]], 'card');
    expect(invoice.status).toBe('paid');
    const half = typed(Math.floor(invoice.subtotal / 2));
    const done = await credit(staff, { invoiceId: invoice.id, amount: half, reason: 'Goodwill for the outage' });
    expect(done.body.data!.settlement).toBe('refund');
    const refunded = await waitFor(async () => (await notesOf(invoice.id))[0]!, (n) => !!n.paymentReference);
    const refund = stripe.refunds.get(refunded.paymentReference!)!;
    const [order] = await w.db.select().from(invoices).where(eq(invoices.id, invoice.id));
    expect(refund).toMatchObject({ amount: refunded.total, account: 'acct_1DemoAcme0000000', idempotencyKey: `refund_${refunded.id}` });
    expect(refund.payment_intent).toMatch(/^pi_/);
    expect(order!.status).toBe('paid');
    expect([...stripe.refunds.values()].filter((r) => r.idempotencyKey === `refund_${refunded.id}`)).toHaveLength(1);
  });

  it('who may: the storefront’s staff and admins; not the customer, nobody signed out, nothing of another storefront', async () => {
    const invoice = await buy([[acronis, 1]], 'on_account');
    const before = await creditNoteCount();
    const body = { invoiceId: invoice.id, amount: '1.00' };
    expect((await credit(undefined, body)).status).toBe(401);
    expect((await credit(anna, body)).status).toBe(403);
    const globex = await w.cookieFor(w.tenants.globex, 'admin@globex.test');
    expect((await credit(globex, body, w.tenants.globex)).status).toBe(404);
    expect((await credit(staff, { invoiceId: '00000000-0000-4000-8000-000000000000', amount: '1.00' })).status).toBe(404);
    expect(await creditNoteCount()).toBe(before);
    expect((await credit(admin, body)).status).toBe(200);
  });
});
