import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { invoices, type InvoiceRow } from '../db/schema';

/** The documents issued for an order (its invoice, credit notes for lines that failed). */
export function orderDocuments(db: Db, tenantId: string, orderId: string): Promise<InvoiceRow[]> {
  return db.select().from(invoices).where(and(eq(invoices.tenantId, tenantId), eq(invoices.orderId, orderId))).execute();
}

/** A customer's latest documents, newest first. */
export function recentDocuments(db: Db, tenantId: string, organizationId: string, limit: number): Promise<InvoiceRow[]> {
  return db.select().from(invoices).where(and(eq(invoices.tenantId, tenantId), eq(invoices.organizationId, organizationId))).orderBy(desc(invoices.issuedAt), desc(invoices.number)).limit(limit).execute();
}

/** Whose a document is, or null when this storefront has none of that id. */
export async function documentOwner(db: Db, tenantId: string, invoiceId: string): Promise<string | null> {
  const [row] = await db.select({ organizationId: invoices.organizationId }).from(invoices).where(and(eq(invoices.tenantId, tenantId), eq(invoices.id, invoiceId)));
  return row?.organizationId ?? null;
}
