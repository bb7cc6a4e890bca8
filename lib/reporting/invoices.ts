import { and, desc, eq, gte, lt, or, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db/client';
import { documentKind, documentStatus, invoices, organizations } from '../db/schema';
import { documentNumber } from '../invoices/format';
import { minorToDecimal } from '../money';
import { day, dayAfter, id, optional, parseFilters, startOf } from '../input/filters';

/** The kinds and states a document can be filtered by, as the list offers them. */
export const DOCUMENT_KINDS = documentKind.enumValues;
export const DOCUMENT_STATUSES = documentStatus.enumValues;

/** The filters of the portal's invoice list and its CSV: kind, status, customer, issue dates. */
export const invoiceFilter = z
  .object({
    kind: optional(z.enum(documentKind.enumValues, { error: `must be one of ${documentKind.enumValues.join(', ')}` })),
    status: optional(z.enum(documentStatus.enumValues, { error: `must be one of ${documentStatus.enumValues.join(', ')}` })),
    customer: optional(id),
    from: optional(day),
    to: optional(day),
  })
  .refine((f) => !f.from || !f.to || f.from <= f.to, { message: 'the first day must not be after the last', path: ['from'] });
export type InvoiceFilter = z.output<typeof invoiceFilter>;

export function parseInvoiceFilter(search: Record<string, string | string[] | undefined>) {
  return parseFilters(invoiceFilter, ['kind', 'status', 'customer', 'from', 'to'], search);
}

function conditions(tenantId: string, f: InvoiceFilter): SQL {
  return and(
    eq(invoices.tenantId, tenantId),
    f.kind ? eq(invoices.kind, f.kind) : undefined,
    f.status ? eq(invoices.status, f.status) : undefined,
    f.customer ? eq(invoices.organizationId, f.customer) : undefined,
    f.from ? gte(invoices.issuedAt, startOf(f.from)) : undefined,
    f.to ? lt(invoices.issuedAt, dayAfter(f.to)) : undefined,
  )!;
}

const LIST = {
  id: invoices.id,
  kind: invoices.kind,
  number: invoices.number,
  issuedAt: invoices.issuedAt,
  dueAt: invoices.dueAt,
  paidAt: invoices.paidAt,
  status: invoices.status,
  paymentMethod: invoices.paymentMethod,
  currency: invoices.currency,
  subtotal: invoices.subtotal,
  tax: invoices.tax,
  total: invoices.total,
  customerId: invoices.organizationId,
  customer: organizations.name,
};

type InvoiceListRow = Pick<typeof invoices.$inferSelect, 'id' | 'kind' | 'number' | 'issuedAt' | 'dueAt' | 'paidAt' | 'status' | 'paymentMethod' | 'currency' | 'subtotal' | 'tax' | 'total'> & { customerId: string; customer: string };

function select(db: Db) {
  return db.select(LIST).from(invoices).innerJoin(organizations, and(eq(organizations.tenantId, invoices.tenantId), eq(organizations.id, invoices.organizationId)));
}

/** One page of the storefront's invoices and credit notes, newest first, and how many match. */
export async function listInvoices(db: Db, tenantId: string, f: InvoiceFilter, page: number, pageSize = 50) {
  const where = conditions(tenantId, f);
  const [rows, total] = await Promise.all([
    select(db).where(where).orderBy(desc(invoices.issuedAt), desc(invoices.id)).limit(pageSize).offset((page - 1) * pageSize),
    db.$count(invoices, where),
  ]);
  return { rows, total, pages: Math.max(1, Math.ceil(total / pageSize)) };
}

export const INVOICE_CSV_HEADER = ['Document', 'Kind', 'Issued (UTC)', 'Due', 'Customer', 'Status', 'Payment', 'Currency', 'Subtotal', 'Tax', 'Total', 'Paid (UTC)'];

const stamp = (d: Date | null) => (d ? d.toISOString().replace('T', ' ').slice(0, 19) : '');

/** Every document matching the filters as CSV records, newest first, in keyset batches. */
export async function* invoiceCsvBatches(
  run: <T>(fn: (db: Db) => Promise<T>) => Promise<T>,
  tenantId: string,
  f: InvoiceFilter,
  batchSize = 500,
): AsyncGenerator<(string | number | null)[][]> {
  let cursor: { issuedAt: Date; id: string } | null = null;
  for (;;) {
    const after: { issuedAt: Date; id: string } | null = cursor;
    const rows: InvoiceListRow[] = await run((db) =>
      select(db)
        .where(and(conditions(tenantId, f), after ? or(lt(invoices.issuedAt, after.issuedAt), and(eq(invoices.issuedAt, after.issuedAt), sql`${invoices.id} < ${after.id}`)) : undefined))
        .orderBy(desc(invoices.issuedAt), desc(invoices.id))
        .limit(batchSize),
    );
    if (!rows.length) return;
    yield rows.map((d) => [
      documentNumber(d),
      d.kind,
      stamp(d.issuedAt),
      d.dueAt ? d.dueAt.toISOString().slice(0, 10) : '',
      d.customer,
      d.status,
      d.paymentMethod,
      d.currency,
      minorToDecimal(d.subtotal, d.currency),
      minorToDecimal(d.tax, d.currency),
      minorToDecimal(d.total, d.currency),
      stamp(d.paidAt),
    ]);
    const last: InvoiceListRow = rows[rows.length - 1]!;
    cursor = { issuedAt: last.issuedAt, id: last.id };
    if (rows.length < batchSize) return;
  }
}
