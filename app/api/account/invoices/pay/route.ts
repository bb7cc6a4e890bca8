import { z } from 'zod';
import { now } from '@/lib/clock';
import { documentOwner } from '@/lib/invoices/lists';
import { DomainError } from '@/lib/errors';
import { can } from '@/lib/identity/access';
import { guardedRoute } from '@/lib/identity/guard';
import { localePath } from '@/lib/i18n/locales';
import { invoicePaymentPage } from '@/lib/invoices/pay';

export const dynamic = 'force-dynamic';

const input = z.object({ invoiceId: z.uuid({ error: 'choose an invoice' }), locale: z.string().regex(/^[a-z]{2}$/).default('en') });

/** A customer admin pays an open invoice on account by card: on to Stripe's payment page. */
export const POST = guardedRoute({ permission: 'account', input }, async ({ db, tenant, viewer, input, origin }) => {
  const owner = await documentOwner(db, tenant.id, input.invoiceId);
  if (!owner || !can(viewer, tenant, 'organization:read', owner)) throw new DomainError('not_found');
  if (!can(viewer, tenant, 'organization:manage', owner)) throw new DomainError('admins_only', 'Only an admin of your organisation can pay its invoices.');
  const url = await invoicePaymentPage(db, tenant, input.invoiceId, origin, localePath(input.locale, tenant.defaultLocale, '/account/invoices'), now());
  return { redirect: url, json: { paymentUrl: url } };
});
