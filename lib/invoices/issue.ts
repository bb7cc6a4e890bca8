import { randomUUID } from 'node:crypto';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { getTheme } from '../../themes';
import { mergeTokens } from '../../themes/tokens';
import type { Db } from '../db/client';
import { documentCounters, invoiceLines, invoices, orders, type BillingSnapshot, type InvoiceRow, type LocalizedText, type SellerSnapshot } from '../db/schema';
import { taxOn } from '../money';
import type { PaymentMethodKey } from '../payments';
import type { Tenant } from '../tenancy/types';
import { creditorReference } from './format';

/** How long a customer on account has to pay an invoice. */
export const PAYMENT_TERM_DAYS = 30;
/** How long a customer paying in advance by bank transfer has to send the money. */
export const PREPAYMENT_DAYS = 14;

export interface DocumentLine {
  description: LocalizedText;
  periodStart: Date;
  periodEnd: Date;
  quantity: number;
  unitPrice: number;
  /** The storefront's cost per seat for the whole period (what `unitPrice` is sold at). */
  unitCost: number;
  /** Signed, minor units (already prorated and rounded). */
  amount: number;
  /** The line's cost when it is not the share `lineCost` gives (a credit of part of a line, goodwill). */
  cost?: number;
}

/**
 * A line's cost in the same share of the period as its amount: the amount scaled by cost over
 * price, rounded half up (exact integers, however large). A free line costs its seats.
 */
export function lineCost(line: Pick<DocumentLine, 'amount' | 'unitPrice' | 'unitCost' | 'quantity'>): number {
  if (line.unitPrice <= 0) return line.unitCost * line.quantity;
  const scaled = BigInt(Math.abs(line.amount)) * BigInt(line.unitCost) * 2n + BigInt(line.unitPrice);
  const cost = Number(scaled / (2n * BigInt(line.unitPrice)));
  return line.amount < 0 ? -cost : cost;
}

export interface IssueRequest {
  kind: 'invoice' | 'credit_note';
  /** What the document is for, unique per storefront: issuing the same key again returns the first. */
  sourceKey: string;
  organizationId: string;
  buyer: BillingSnapshot;
  subscriptionId?: string | null;
  orderId?: string | null;
  paymentMethod: PaymentMethodKey;
  /** For an invoice: paid already (a card payment), else open and due after the payment term. */
  paid?: { at: Date; reference: string | null } | null;
  currency: string;
  taxBasisPoints: number;
  /** EU cross-border B2B (`lib/pricing/tax.ts`): no VAT, and the document says why. */
  reverseCharge?: boolean;
  /** The customer's purchase order reference, printed on the document. */
  purchaseOrder?: string | null;
  locale: string;
  lines: DocumentLine[];
  /** The document's tax when it is not the rate's on the subtotal: the last credit of an invoice takes exactly what is left. */
  tax?: number;
  /** A credit note by hand: the credited invoice's line each line credits (null: an amount). */
  positions?: (number | null)[];
  /** A credit note of one invoice (by hand, or a failed line's): that invoice, why (as printed), and who issued it. */
  credits?: { invoiceId: string; reason: string | null; by: string };
}

export function sellerOf(tenant: Tenant): SellerSnapshot {
  const tokens = mergeTokens(mergeTokens(getTheme(tenant.theme).tokens, tenant.inheritedTokens), tenant.themeOverrides);
  return {
    name: tenant.name,
    address: tenant.legalAddress,
    vatNumber: tenant.vatNumber,
    bank: tenant.bankDetails,
    colorPrimary: tokens.colorPrimary,
    colorPrimaryText: tokens.colorPrimaryText,
    colorText: tokens.colorText,
  };
}

/**
 * Issues an invoice or credit note in the caller's transaction. Numbers are per storefront and
 * kind, without gaps: the counter row is incremented in the same transaction, so a rollback
 * gives its number back, and concurrent issues wait on the row. Once written, a document is not
 * changed again (the database grants the app no UPDATE of its contents).
 */
export async function issueDocument(db: Db, tenant: Tenant, request: IssueRequest, now: Date): Promise<{ invoice: InvoiceRow; created: boolean }> {
  await db.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`${tenant.id}:document:${request.sourceKey}`}, 0))`);
  const [existing] = await db.select().from(invoices).where(and(eq(invoices.tenantId, tenant.id), eq(invoices.sourceKey, request.sourceKey)));
  if (existing) return { invoice: existing, created: false };
  // writeDocument checks the request; a refusal after the number is taken rolls the number back.
  const number = await takeDocumentNumber(db, tenant.id, request.kind);
  return { invoice: await writeDocument(db, tenant, request, number, now), created: true };
}

function checkDocument(request: IssueRequest): void {
  if (!request.lines.length) throw new Error('issueDocument: a document needs at least one line');
  const subtotal = request.lines.reduce((sum, l) => sum + l.amount, 0);
  if (subtotal < 0) throw new Error(`issueDocument: ${request.sourceKey} totals ${subtotal}; a credit is a credit note with positive lines`);
}

/**
 * The next number of the storefront's documents of `kind`, in the caller's transaction: the counter
 * row stays locked until commit (so a rollback gives the number back), and every other document of
 * the kind waits on it until then. Take it as late as possible. The statement is sent at once
 * (`execute`), ahead of whatever the caller sends after it.
 */
export function takeDocumentNumber(db: Db, tenantId: string, kind: IssueRequest['kind']): Promise<number> {
  return db
    .insert(documentCounters)
    .values({ tenantId, kind, lastNumber: 1 })
    .onConflictDoUpdate({ target: [documentCounters.tenantId, documentCounters.kind], set: { lastNumber: sql`${documentCounters.lastNumber} + 1` } })
    .returning({ number: documentCounters.lastNumber })
    .execute()
    .then(([counter]) => counter!.number);
}

/**
 * Writes a document under a number taken in this transaction (`takeDocumentNumber`). Only for a
 * source key that cannot have a document yet (an order's, written in the same transaction as the
 * order); anything else goes through `issueDocument`, which looks for the key's document first.
 * Its two statements go out together.
 */
export async function writeDocument(db: Db, tenant: Tenant, request: IssueRequest, number: number, now: Date): Promise<InvoiceRow> {
  checkDocument(request);
  const subtotal = request.lines.reduce((sum, l) => sum + l.amount, 0);
  const tax = request.tax ?? taxOn(subtotal, request.taxBasisPoints);
  const lineTaxes = allocate(tax, request.lines.map((l) => l.amount));
  const id = randomUUID();
  const status = request.kind === 'credit_note' ? 'issued' : request.paid ? 'paid' : 'open';
  const written = db
    .insert(invoices)
    .values({
      tenantId: tenant.id,
      id,
      kind: request.kind,
      number,
      sourceKey: request.sourceKey,
      organizationId: request.organizationId,
      subscriptionId: request.subscriptionId ?? null,
      orderId: request.orderId ?? null,
      status,
      paymentMethod: request.paymentMethod,
      currency: request.currency,
      subtotal,
      taxBasisPoints: request.taxBasisPoints,
      tax,
      total: subtotal + tax,
      seller: sellerOf(tenant),
      buyer: request.buyer,
      locale: request.locale,
      issuedAt: now,
      dueAt: request.kind === 'invoice' && !request.paid ? new Date(now.getTime() + (request.paymentMethod === 'bank_transfer' ? PREPAYMENT_DAYS : PAYMENT_TERM_DAYS) * 86_400_000) : null,
      paidAt: status === 'paid' ? request.paid!.at : null,
      paymentReference: status === 'paid' ? request.paid!.reference : null,
      // An open invoice of a storefront with a bank account can be paid by transfer: the reference
      // the transfer quotes names this invoice, checked by the payer's bank.
      transferReference: status === 'open' && tenant.bankDetails ? creditorReference(String(number).padStart(8, '0')) : null,
      purchaseOrder: request.purchaseOrder ?? null,
      reverseCharge: request.reverseCharge ?? false,
      creditsInvoiceId: request.credits?.invoiceId ?? null,
      reason: request.credits?.reason ?? null,
      issuedBy: request.credits?.by ?? null,
    })
    .returning()
    .execute();
  // Run after the invoice's insert on the same connection, in the order sent.
  const lines = db
    .insert(invoiceLines)
    .values(
      request.lines.map(({ unitCost: _unitCost, cost, ...l }, i) => ({
        tenantId: tenant.id,
        invoiceId: id,
        position: i + 1,
        ...l,
        tax: lineTaxes[i]!,
        cost: cost ?? lineCost(request.lines[i]!),
        creditsPosition: request.positions?.[i] ?? null,
      })),
    )
    .execute();
  const [[invoice]] = await Promise.all([written, lines]);
  return invoice!;
}

/**
 * The document's tax shared out over its lines in proportion to their amounts, so the lines' tax
 * adds up to the total exactly (the rounding difference goes to the largest line).
 */
export function allocate(total: number, amounts: number[]): number[] {
  const sum = amounts.reduce((a, b) => a + b, 0);
  if (sum === 0) return amounts.map(() => 0);
  const shares = amounts.map((a) => Math.round((total * a) / sum));
  const rest = total - shares.reduce((a, b) => a + b, 0);
  let largest = 0;
  amounts.forEach((a, i) => {
    if (Math.abs(a) > Math.abs(amounts[largest]!)) largest = i;
  });
  shares[largest]! += rest;
  return shares;
}

/** Marks an open invoice paid (the reseller, or a Stripe payment); paying twice changes nothing. */
export async function markInvoicePaid(db: Db, tenantId: string, invoiceId: string, at: Date, reference: string | null): Promise<'paid' | 'already_paid' | 'not_found'> {
  const [row] = await db
    .update(invoices)
    .set({ status: 'paid', paidAt: at, paymentReference: reference })
    .where(and(eq(invoices.tenantId, tenantId), eq(invoices.id, invoiceId), eq(invoices.kind, 'invoice'), eq(invoices.status, 'open')))
    .returning({ id: invoices.id, orderId: invoices.orderId });
  if (row) {
    // An order's invoice paid is the order paid: what is open on account is measured on orders.
    if (row.orderId) await db.update(orders).set({ paidAt: at }).where(and(eq(orders.tenantId, tenantId), eq(orders.id, row.orderId), isNull(orders.paidAt)));
    return 'paid';
  }
  const [found] = await db.select({ status: invoices.status }).from(invoices).where(and(eq(invoices.tenantId, tenantId), eq(invoices.id, invoiceId), eq(invoices.kind, 'invoice')));
  return found ? 'already_paid' : 'not_found';
}
