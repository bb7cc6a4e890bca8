import { z } from 'zod';
import { now } from '@/lib/clock';
import { DomainError } from '@/lib/errors';
import { guardedRoute } from '@/lib/identity/guard';
import { markInvoicePaid } from '@/lib/invoices/issue';

export const dynamic = 'force-dynamic';

/** A storefront admin marks an invoice on account paid (the money arrived by transfer). Paying twice changes nothing. */
export const POST = guardedRoute({ permission: 'commerce:manage', input: z.object({ invoiceId: z.uuid({ error: 'choose an invoice' }) }) }, async ({ db, tenant, viewer, input }) => {
  const outcome = await markInvoicePaid(db, tenant.id, input.invoiceId, now(), `marked paid by ${viewer.email}`);
  if (outcome === 'not_found') throw new DomainError('not_found');
  return { notice: 'saved', json: { outcome } };
});
