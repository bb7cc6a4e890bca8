import type { InvoiceRow } from '../db/schema';

/** How a document's number is printed: INV-000042, CN-000007 (each kind has its own series). */
export function documentNumber(invoice: Pick<InvoiceRow, 'kind' | 'number'>): string {
  return `${invoice.kind === 'invoice' ? 'INV' : 'CN'}-${String(invoice.number).padStart(6, '0')}`;
}
