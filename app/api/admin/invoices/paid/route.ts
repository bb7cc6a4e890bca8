import { z } from 'zod';
import { now } from '@/lib/clock';
import { DomainError } from '@/lib/errors';
import { guardedRoute } from '@/lib/identity/guard';
import { markPaidByStore } from '@/lib/orders/payment-events';

export const dynamic = 'force-dynamic';

/**
 * A storefront admin marks an invoice paid (the money arrived by transfer): an order waiting for
 * that transfer is provisioned. Paying twice changes nothing.
 */
export const POST = guardedRoute({ permission: 'commerce:manage', input: z.object({ invoiceId: z.uuid({ error: 'choose an invoice' }) }) }, async ({ db, tenant, viewer, input }) => {
  const outcome = await markPaidByStore(db, tenant.id, input.invoiceId, viewer.email, now());
  if (outcome === 'not_found') throw new DomainError('not_found');
  return { notice: 'saved', json: { outcome } };
});
