import { sql } from 'drizzle-orm';
import { bigint, boolean, check, foreignKey, index, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { LocalizedText } from './catalog';
import { paymentMethod, subscriptions, type BillingSnapshot } from './commerce';
import { organizations, users } from './identity';
import { tenants, type BankDetails } from './tenancy';

// ─── Subscription history, licence assignment, invoices and credit notes (per storefront) ──────

const money = (name: string) => bigint(name, { mode: 'number' });

/**
 * Every change of a subscription, as its history shows it: who, when, what and the money.
 * `amount` is signed (a charge is positive, a credit negative), in the subscription's currency.
 */
export const subscriptionEvents = pgTable(
  'subscription_events',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    subscriptionId: uuid('subscription_id').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    /** The person (their e-mail) or `system` for the renewal job and the like. */
    actor: text('actor').notNull(),
    kind: text('kind').notNull(),
    seatsFrom: integer('seats_from'),
    seatsTo: integer('seats_to'),
    planFrom: uuid('plan_from'),
    planTo: uuid('plan_to'),
    amount: money('amount'),
    currency: text('currency'),
    orderId: uuid('order_id'),
    invoiceId: uuid('invoice_id'),
    /** When the change takes effect, or (a failed payment) when it is tried again. */
    effectiveAt: timestamp('effective_at', { withTimezone: true }),
    note: text('note'),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id], name: 'subscription_events_pkey' }),
    index('subscription_events_subscription_idx').on(t.tenantId, t.subscriptionId, t.at),
    foreignKey({ columns: [t.tenantId, t.subscriptionId], foreignColumns: [subscriptions.tenantId, subscriptions.id], name: 'subscription_events_subscription_fk' }).onDelete('cascade'),
  ],
);

/** A seat of a subscription given to one person of the organisation. */
export const seatAssignments = pgTable(
  'seat_assignments',
  {
    tenantId: uuid('tenant_id').notNull(),
    subscriptionId: uuid('subscription_id').notNull(),
    userId: text('user_id').notNull(),
    assignedAt: timestamp('assigned_at', { withTimezone: true }).notNull(),
    assignedBy: text('assigned_by').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.subscriptionId, t.userId], name: 'seat_assignments_pkey' }),
    index('seat_assignments_user_idx').on(t.tenantId, t.userId),
    foreignKey({ columns: [t.tenantId, t.subscriptionId], foreignColumns: [subscriptions.tenantId, subscriptions.id], name: 'seat_assignments_subscription_fk' }).onDelete('cascade'),
    foreignKey({ columns: [t.tenantId, t.userId], foreignColumns: [users.tenantId, users.id], name: 'seat_assignments_user_fk' }).onDelete('cascade'),
  ],
);

export const documentKind = pgEnum('document_kind', ['invoice', 'credit_note']);
/** Invoices are `open` until paid; credit notes are `issued` and settle nothing further. */
export const documentStatus = pgEnum('document_status', ['open', 'paid', 'issued']);

/** The last number a storefront gave out, per kind of document: numbers have no gaps. */
export const documentCounters = pgTable(
  'document_counters',
  {
    tenantId: uuid('tenant_id').notNull().references(() => tenants.id, { onDelete: 'cascade' }),
    kind: documentKind('kind').notNull(),
    lastNumber: integer('last_number').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.kind], name: 'document_counters_pkey' })],
);

/** Who sold, as printed: kept with the document so a later rebrand does not rewrite it. */
export interface SellerSnapshot {
  name: string;
  address: string | null;
  /** Absent on documents issued before sellers kept them. */
  vatNumber?: string | null;
  bank?: BankDetails | null;
  colorPrimary: string;
  colorPrimaryText: string;
  colorText: string;
}

/**
 * An invoice or credit note. Issued once and immutable (the app role may only mark it paid: see
 * the migration's grants); `source_key` names what issued it, so issuing twice gives one document.
 */
export const invoices = pgTable(
  'invoices',
  {
    tenantId: uuid('tenant_id').notNull().references(() => tenants.id, { onDelete: 'cascade' }),
    id: uuid('id').notNull().defaultRandom(),
    kind: documentKind('kind').notNull(),
    number: integer('number').notNull(),
    sourceKey: text('source_key').notNull(),
    organizationId: uuid('organization_id').notNull(),
    subscriptionId: uuid('subscription_id'),
    orderId: uuid('order_id'),
    status: documentStatus('status').notNull(),
    paymentMethod: paymentMethod('payment_method').notNull(),
    currency: text('currency').notNull(),
    subtotal: money('subtotal').notNull(),
    taxBasisPoints: integer('tax_basis_points').notNull(),
    tax: money('tax').notNull(),
    total: money('total').notNull(),
    seller: jsonb('seller').$type<SellerSnapshot>().notNull(),
    buyer: jsonb('buyer').$type<BillingSnapshot>().notNull(),
    locale: text('locale').notNull(),
    issuedAt: timestamp('issued_at', { withTimezone: true }).notNull(),
    dueAt: timestamp('due_at', { withTimezone: true }),
    paidAt: timestamp('paid_at', { withTimezone: true }),
    paymentReference: text('payment_reference'),
    /** Paid by bank transfer: the structured creditor reference (ISO 11649) the transfer quotes. */
    transferReference: text('transfer_reference'),
    purchaseOrder: text('purchase_order'),
    reverseCharge: boolean('reverse_charge').notNull().default(false),
    /** A credit note issued by hand: the invoice it credits (never more than that invoice's total). */
    creditsInvoiceId: uuid('credits_invoice_id'),
    /** A credit note issued by hand: why, as the customer reads it on the document. */
    reason: text('reason'),
    /** A credit note by hand: who issued it (the portal's signed-in person). */
    issuedBy: text('issued_by'),
    /**
     * An invoice: what credit settled of it (a credit note against it while it was open, or the
     * customer's credit balance). What is due is `total - credit_applied`.
     */
    creditApplied: money('credit_applied').notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id], name: 'invoices_pkey' }),
    foreignKey({ columns: [t.tenantId, t.creditsInvoiceId], foreignColumns: [t.tenantId, t.id], name: 'invoices_credits_fk' }),
    index('invoices_credits_idx').on(t.tenantId, t.creditsInvoiceId),
    check('invoices_credit_applied', sql`${t.creditApplied} >= 0 and ${t.creditApplied} <= ${t.total} and (${t.kind} = 'invoice' or ${t.creditApplied} = 0)`),
    check('invoices_credits_kind', sql`${t.creditsInvoiceId} is null or ${t.kind} = 'credit_note'`),
    uniqueIndex('invoices_transfer_reference_key').on(t.tenantId, t.transferReference),
    uniqueIndex('invoices_number_key').on(t.tenantId, t.kind, t.number),
    uniqueIndex('invoices_source_key').on(t.tenantId, t.sourceKey),
    index('invoices_organization_idx').on(t.tenantId, t.organizationId, t.issuedAt),
    foreignKey({ columns: [t.tenantId, t.organizationId], foreignColumns: [organizations.tenantId, organizations.id], name: 'invoices_org_fk' }),
    check('invoices_currency', sql`${t.currency} ~ '^[A-Z]{3}$'`),
    check('invoices_amounts', sql`${t.subtotal} >= 0 and ${t.tax} >= 0 and ${t.total} = ${t.subtotal} + ${t.tax}`),
    check('invoices_tax_rate', sql`${t.taxBasisPoints} between 0 and 10000`),
    check('invoices_status', sql`(${t.kind} = 'credit_note') = (${t.status} = 'issued')`),
    check('invoices_paid', sql`(${t.status} = 'paid') = (${t.paidAt} is not null)`),
  ],
);

/**
 * A line of a document. `amount` is signed: an upgrade's invoice credits the unused time of the
 * old plan and charges the new one, each rounded on its own (as Stripe does).
 */
export const invoiceLines = pgTable(
  'invoice_lines',
  {
    tenantId: uuid('tenant_id').notNull(),
    invoiceId: uuid('invoice_id').notNull(),
    position: integer('position').notNull(),
    description: jsonb('description').$type<LocalizedText>().notNull(),
    periodStart: timestamp('period_start', { withTimezone: true }).notNull(),
    periodEnd: timestamp('period_end', { withTimezone: true }).notNull(),
    quantity: integer('quantity').notNull(),
    unitPrice: money('unit_price').notNull(),
    amount: money('amount').notNull(),
    tax: money('tax').notNull(),
    /**
     * What the line cost the storefront (its cost per seat, in the same share of the period as
     * the amount): the amount less this is the margin the dashboard reports.
     */
    cost: money('cost').notNull().default(0),
    /** A line of a credit note issued by hand: the line of the credited invoice it credits. */
    creditsPosition: integer('credits_position'),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.invoiceId, t.position], name: 'invoice_lines_pkey' }),
    foreignKey({ columns: [t.tenantId, t.invoiceId], foreignColumns: [invoices.tenantId, invoices.id], name: 'invoice_lines_invoice_fk' }),
    check('invoice_lines_quantity', sql`${t.quantity} >= 1`),
    check('invoice_lines_period', sql`${t.periodEnd} >= ${t.periodStart}`),
  ],
);

/**
 * A customer's credit with the storefront, per currency, as a ledger: a credit note on an invoice
 * already paid other than by card adds to it (`amount` > 0), an invoice on account it settles takes
 * from it (`amount` < 0). `source_key` makes each entry once. The balance is the sum.
 */
export const accountCredits = pgTable(
  'account_credits',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    organizationId: uuid('organization_id').notNull(),
    currency: text('currency').notNull(),
    amount: money('amount').notNull(),
    sourceKey: text('source_key').notNull(),
    invoiceId: uuid('invoice_id').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id], name: 'account_credits_pkey' }),
    uniqueIndex('account_credits_source_key').on(t.tenantId, t.sourceKey),
    index('account_credits_organization_idx').on(t.tenantId, t.organizationId, t.currency),
    foreignKey({ columns: [t.tenantId, t.organizationId], foreignColumns: [organizations.tenantId, organizations.id], name: 'account_credits_org_fk' }).onDelete('cascade'),
    foreignKey({ columns: [t.tenantId, t.invoiceId], foreignColumns: [invoices.tenantId, invoices.id], name: 'account_credits_invoice_fk' }),
    check('account_credits_currency', sql`${t.currency} ~ '^[A-Z]{3}$'`),
    check('account_credits_amount', sql`${t.amount} <> 0`),
  ],
);

export type AccountCreditRow = typeof accountCredits.$inferSelect;
export type SubscriptionEventRow = typeof subscriptionEvents.$inferSelect;
export type InvoiceRow = typeof invoices.$inferSelect;
export type InvoiceLineRow = typeof invoiceLines.$inferSelect;
