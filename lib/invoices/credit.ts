import { and, asc, eq, inArray, sql, sum } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db/client';
import { accountCredits, invoiceLines, invoices, organizations, type InvoiceLineRow, type InvoiceRow, type LocalizedText } from '../db/schema';
import { DomainError, invalidInput } from '../errors';
import { billingSnapshot } from '../identity/organizations';
import { decimalToMinor, minorToDecimal, taxOn } from '../money';
import { refundLater } from '../payments/refunds';
import { isUuid } from '../tenancy/repo';
import type { Tenant } from '../tenancy/types';
import { documentNumber } from './format';
import { issueDocument, markInvoicePaid, type DocumentLine } from './issue';

/**
 * Credit notes by hand (the storefront's staff, from an invoice in the portal), and what every
 * credit note does with its money: back to the card that paid, off what is still due on the
 * invoice it credits, or onto the customer's credit balance, which its next invoice on account uses.
 */

const reason = z.string({ error: 'give a reason' }).trim().min(3, 'give a reason of at least 3 characters').max(500, 'keep the reason under 500 characters');

export const creditNoteInput = z.object({
  invoiceId: z.uuid({ error: 'choose an invoice' }),
  /** The credited invoice's line numbers, comma-separated (the preview's choice), or empty. */
  lines: z.string().trim().max(400).regex(/^(\d{1,4}(,\d{1,4})*)?$/, 'choose lines from the invoice').default(''),
  /** An amount excluding tax, in the invoice's currency, or empty. */
  amount: z.string().trim().max(20).default(''),
  reason,
  idempotencyKey: z.string().regex(/^[A-Za-z0-9_-]{16,100}$/, 'must be 16–100 letters, digits, _ or -'),
  locale: z.string().regex(/^[a-z]{2}$/).default('en'),
});
export type CreditNoteInput = z.input<typeof creditNoteInput>;

export interface CreditableLine extends InvoiceLineRow {
  /** What credit notes by hand already credited of this line (excl. tax). */
  credited: number;
  /** What can still be credited of it: never more than the invoice has left. */
  remaining: number;
}

export interface Creditable {
  invoice: InvoiceRow;
  lines: CreditableLine[];
  /** The credit notes issued against this invoice, oldest first. */
  notes: InvoiceRow[];
  /** What is left to credit, excluding tax and in all. */
  remaining: { subtotal: number; tax: number; total: number };
}

/** An invoice of the storefront with what its credit notes by hand have taken of it; null if there is none by that id. */
export async function creditable(db: Db, tenantId: string, invoiceId: string): Promise<Creditable | null> {
  // An id typed into the address bar that is no id at all is as unknown as one of another storefront.
  if (!isUuid(invoiceId)) return null;
  const [invoice] = await db.select().from(invoices).where(and(eq(invoices.tenantId, tenantId), eq(invoices.id, invoiceId), eq(invoices.kind, 'invoice')));
  if (!invoice) return null;
  const [lines, notes, byLine] = await Promise.all([
    db.select().from(invoiceLines).where(and(eq(invoiceLines.tenantId, tenantId), eq(invoiceLines.invoiceId, invoiceId))).orderBy(asc(invoiceLines.position)),
    db.select().from(invoices).where(and(eq(invoices.tenantId, tenantId), eq(invoices.creditsInvoiceId, invoiceId))).orderBy(asc(invoices.number)),
    db
      .select({ position: invoiceLines.creditsPosition, credited: sum(invoiceLines.amount).mapWith(Number) })
      .from(invoiceLines)
      .innerJoin(invoices, and(eq(invoices.tenantId, invoiceLines.tenantId), eq(invoices.id, invoiceLines.invoiceId)))
      .where(and(eq(invoices.tenantId, tenantId), eq(invoices.creditsInvoiceId, invoiceId)))
      .groupBy(invoiceLines.creditsPosition),
  ]);
  const left = (field: 'subtotal' | 'tax' | 'total') => invoice[field] - notes.reduce((s, n) => s + n[field], 0);
  const remaining = { subtotal: left('subtotal'), tax: left('tax'), total: left('total') };
  const creditedOf = new Map(byLine.map((r) => [r.position, r.credited ?? 0]));
  return {
    invoice,
    notes,
    remaining,
    lines: lines.map((l) => {
      const credited = creditedOf.get(l.position) ?? 0;
      return { ...l, credited, remaining: Math.max(0, Math.min(l.amount - credited, remaining.subtotal)) };
    }),
  };
}

export type Settlement = 'refund' | 'due' | 'balance';

export interface CreditQuote {
  lines: DocumentLine[];
  /** The credited invoice's line each document line credits (null: an amount). */
  positions: (number | null)[];
  subtotal: number;
  tax: number;
  total: number;
  currency: string;
  settlement: Settlement;
}

/** Where a credit note on this invoice goes: the card that paid it, what is still due on it, or the customer's balance. */
export function settlementOf(invoice: Pick<InvoiceRow, 'status' | 'paymentMethod' | 'paymentReference'>): Settlement {
  if (invoice.status === 'open') return 'due';
  if (invoice.paymentMethod === 'card' || invoice.paymentReference?.startsWith('pi_')) return 'refund';
  return 'balance';
}

const CREDIT_WORDS: LocalizedText = { en: 'Credit', de: 'Gutschrift', fr: 'Avoir' };

/**
 * An amount as typed (12.50, and 12,50 as Germans and the French write it), in minor units of
 * `currency`. A comma is a decimal comma only before one or two digits: "1,000" is an English
 * thousand, refused rather than read as 1.00.
 */
export function typedAmount(text: string, currency: string): number | null {
  const normal = /^\d+,\d{1,2}$/.test(text.trim()) ? text.trim().replace(',', '.') : text;
  return decimalToMinor(normal, currency);
}

/**
 * What a credit note of chosen lines (each for what is left of it) or of an amount would be,
 * refused naming the field when it asks for nothing, for both, or for more than is left. The tax
 * is the invoice's rate; the last credit takes exactly the tax that is left, so rounding never
 * credits more than the invoice.
 */
export function quoteCredit(c: Creditable, choice: { lines: number[]; amount: string }): CreditQuote {
  const { invoice } = c;
  const amountText = choice.amount.trim();
  if (choice.lines.length && amountText) throw invalidInput('Credit either chosen lines or an amount, not both.', ['amount: leave empty when lines are chosen']);
  if (!choice.lines.length && !amountText) throw invalidInput('Choose the lines to credit, or type an amount.', ['lines: choose at least one line, or type an amount']);
  if (c.remaining.subtotal <= 0) throw new DomainError('over_creditable', 'This invoice has been credited in full.');
  const lines: DocumentLine[] = [];
  const positions: (number | null)[] = [];
  if (amountText) {
    const amount = typedAmount(amountText, invoice.currency);
    const most = minorToDecimal(c.remaining.subtotal, invoice.currency);
    if (amount === null || amount <= 0) throw invalidInput(`amount: an amount in ${invoice.currency} such as 10.00, at most ${most}`, [`amount: an amount in ${invoice.currency} such as 10.00, at most ${most}`]);
    if (amount > c.remaining.subtotal) throw new DomainError('over_creditable', `At most ${most} ${invoice.currency} (excl. tax) can still be credited on this invoice.`);
    const start = c.lines.reduce((d, l) => (l.periodStart < d ? l.periodStart : d), c.lines[0]?.periodStart ?? invoice.issuedAt);
    const end = c.lines.reduce((d, l) => (l.periodEnd > d ? l.periodEnd : d), c.lines[0]?.periodEnd ?? invoice.issuedAt);
    // A credit of an amount is the storefront's goodwill, out of its own margin: it costs nothing back.
    lines.push({ description: CREDIT_WORDS, periodStart: start, periodEnd: end, quantity: 1, unitPrice: amount, unitCost: 0, amount, cost: 0 });
    positions.push(null);
  } else {
    for (const position of [...new Set(choice.lines)].sort((a, b) => a - b)) {
      const line = c.lines.find((l) => l.position === position);
      if (!line) throw invalidInput(`lines: invoice ${documentNumber(invoice)} has no line ${position}`, [`lines: invoice ${documentNumber(invoice)} has no line ${position}`]);
      if (line.remaining <= 0) throw new DomainError('over_creditable', `Line ${position} of ${documentNumber(invoice)} has been credited in full.`);
      // The line's sale is undone: its cost goes back in the same share.
      const cost = line.amount > 0 ? Math.round((line.cost * line.remaining) / line.amount) : 0;
      lines.push({ description: line.description, periodStart: line.periodStart, periodEnd: line.periodEnd, quantity: line.quantity, unitPrice: line.unitPrice, unitCost: 0, amount: line.remaining, cost });
      positions.push(position);
    }
    const asked = lines.reduce((s, l) => s + l.amount, 0);
    if (asked > c.remaining.subtotal) throw new DomainError('over_creditable', `At most ${minorToDecimal(c.remaining.subtotal, invoice.currency)} ${invoice.currency} (excl. tax) can still be credited on this invoice.`);
  }
  const subtotal = lines.reduce((s, l) => s + l.amount, 0);
  const tax = subtotal === c.remaining.subtotal ? c.remaining.tax : Math.min(taxOn(subtotal, invoice.taxBasisPoints), c.remaining.tax);
  return { lines, positions, subtotal, tax, total: subtotal + tax, currency: invoice.currency, settlement: settlementOf(invoice) };
}

/** Serialises everything that credits one invoice: concurrent credit notes see each other's. */
async function lockCredits(db: Db, tenantId: string, invoiceId: string): Promise<void> {
  await db.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`${tenantId}:credit:${invoiceId}`}, 0))`);
}

/**
 * Issues a credit note by hand, in the caller's transaction: checked against what is left of the
 * invoice under its lock (two at once never credit more than it), numbered in the credit notes'
 * gapless series, and settled. The same key issues it once.
 */
export async function issueCreditNote(db: Db, tenant: Tenant, actor: string, input: z.output<typeof creditNoteInput>, now: Date): Promise<{ note: InvoiceRow; invoice: InvoiceRow; created: boolean; settlement: Settlement }> {
  const sourceKey = `manual-credit:${input.invoiceId}:${input.idempotencyKey}`;
  await lockCredits(db, tenant.id, input.invoiceId);
  const [again] = await db.select().from(invoices).where(and(eq(invoices.tenantId, tenant.id), eq(invoices.sourceKey, sourceKey)));
  const c = await creditable(db, tenant.id, input.invoiceId);
  if (!c) throw new DomainError('not_found');
  if (again) return { note: again, invoice: c.invoice, created: false, settlement: settlementOf(c.invoice) };
  const quote = quoteCredit(c, { lines: input.lines ? input.lines.split(',').map(Number) : [], amount: input.amount });
  const [org] = await db.select().from(organizations).where(and(eq(organizations.tenantId, tenant.id), eq(organizations.id, c.invoice.organizationId)));
  const { invoice: note, created } = await issueDocument(
    db,
    tenant,
    {
      kind: 'credit_note',
      sourceKey,
      organizationId: c.invoice.organizationId,
      buyer: org ? billingSnapshot(org) : c.invoice.buyer,
      subscriptionId: c.invoice.subscriptionId,
      orderId: c.invoice.orderId,
      // Back to a card, the credit note says so (the refund job pays back only card notes).
      paymentMethod: quote.settlement === 'refund' ? 'card' : c.invoice.paymentMethod,
      currency: c.invoice.currency,
      taxBasisPoints: c.invoice.taxBasisPoints,
      tax: quote.tax,
      reverseCharge: c.invoice.reverseCharge,
      purchaseOrder: c.invoice.purchaseOrder,
      locale: c.invoice.locale,
      lines: quote.lines,
      positions: quote.positions,
      credits: { invoiceId: c.invoice.id, reason: input.reason, by: actor },
    },
    now,
  );
  if (created) await settleCreditNote(db, tenant.id, note, c.invoice, now);
  return { note, invoice: c.invoice, created, settlement: quote.settlement };
}

/**
 * What a credit note does with its money, once (its entry's key is the note): a card's goes back
 * to the card (the refund job); one against an invoice still open comes off what is due on it;
 * any other is the customer's credit, which its next invoice on account uses.
 */
export async function settleCreditNote(db: Db, tenantId: string, note: InvoiceRow, credited: InvoiceRow | null, now: Date): Promise<void> {
  if (note.paymentMethod === 'card') {
    await refundLater(db, tenantId, note.id);
    return;
  }
  if (credited?.status === 'open') {
    const [invoice] = await db.select().from(invoices).where(and(eq(invoices.tenantId, tenantId), eq(invoices.id, credited.id))).for('update');
    if (invoice?.status === 'open') {
      const take = Math.min(note.total, invoice.total - invoice.creditApplied);
      await applyCredit(db, invoice, take, `${documentNumber(note)}`, now);
      const rest = note.total - take;
      if (rest > 0) await addCredit(db, tenantId, note, rest, now);
      return;
    }
  }
  await addCredit(db, tenantId, note, note.total, now);
}

async function addCredit(db: Db, tenantId: string, note: InvoiceRow, amount: number, now: Date): Promise<void> {
  await db
    .insert(accountCredits)
    .values({ tenantId, organizationId: note.organizationId, currency: note.currency, amount, sourceKey: `note:${note.id}`, invoiceId: note.id, at: now })
    .onConflictDoNothing();
}

/** Settles `amount` of an open invoice by credit; settled in full, it is paid (and its order with it). */
async function applyCredit(db: Db, invoice: InvoiceRow, amount: number, reference: string, now: Date): Promise<void> {
  if (amount <= 0) return;
  const applied = invoice.creditApplied + amount;
  // A payment page opened for the old amount can no longer pay it: the next one asks for what is left.
  const stalePage = invoice.paymentReference?.startsWith('cs_') ? { paymentReference: null } : {};
  await db.update(invoices).set({ creditApplied: applied, ...stalePage }).where(and(eq(invoices.tenantId, invoice.tenantId), eq(invoices.id, invoice.id)));
  if (applied >= invoice.total) await markInvoicePaid(db, invoice.tenantId, invoice.id, now, reference);
}

/** The customer's credit with the storefront in `currency` (minor units, never below zero). */
export async function creditBalance(db: Db, tenantId: string, organizationId: string, currency: string): Promise<number> {
  const [row] = await db
    .select({ balance: sum(accountCredits.amount).mapWith(Number) })
    .from(accountCredits)
    .where(and(eq(accountCredits.tenantId, tenantId), eq(accountCredits.organizationId, organizationId), eq(accountCredits.currency, currency)));
  return Math.max(0, row?.balance ?? 0);
}

/** The credit each of these organisations has with the storefront, per currency (only what is above zero). */
export async function creditBalances(db: Db, tenantId: string, organizationIds: string[]): Promise<{ organizationId: string; currency: string; balance: number }[]> {
  if (!organizationIds.length) return [];
  const rows = await db
    .select({ organizationId: accountCredits.organizationId, currency: accountCredits.currency, balance: sum(accountCredits.amount).mapWith(Number) })
    .from(accountCredits)
    .where(and(eq(accountCredits.tenantId, tenantId), inArray(accountCredits.organizationId, organizationIds)))
    .groupBy(accountCredits.organizationId, accountCredits.currency);
  return rows.filter((r) => r.balance > 0);
}

/**
 * A new invoice on account uses the customer's credit balance first, in the transaction that
 * issued it: under the customer's lock, so two invoices at once never use the same credit.
 */
export async function spendCreditBalance(db: Db, invoice: InvoiceRow, now: Date): Promise<InvoiceRow> {
  if (invoice.kind !== 'invoice' || invoice.status !== 'open' || invoice.paymentMethod !== 'on_account') return invoice;
  // Most customers have no credit: one read, no lock. One with credit is read again under the lock.
  if ((await creditBalance(db, invoice.tenantId, invoice.organizationId, invoice.currency)) === 0) return invoice;
  await db.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`${invoice.tenantId}:balance:${invoice.organizationId}:${invoice.currency}`}, 0))`);
  const balance = await creditBalance(db, invoice.tenantId, invoice.organizationId, invoice.currency);
  const take = Math.min(balance, invoice.total - invoice.creditApplied);
  if (take <= 0) return invoice;
  // One spending per invoice (its key): asked again for the same invoice, it spends nothing more.
  const [spent] = await db
    .insert(accountCredits)
    .values({ tenantId: invoice.tenantId, organizationId: invoice.organizationId, currency: invoice.currency, amount: -take, sourceKey: `used:${invoice.id}`, invoiceId: invoice.id, at: now })
    .onConflictDoNothing()
    .returning({ id: accountCredits.id });
  if (!spent) return invoice;
  await applyCredit(db, invoice, take, 'credit balance', now);
  const [after] = await db.select().from(invoices).where(and(eq(invoices.tenantId, invoice.tenantId), eq(invoices.id, invoice.id)));
  return after!;
}
