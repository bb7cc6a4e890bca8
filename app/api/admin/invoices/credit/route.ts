import { now } from '@/lib/clock';
import { guardedRoute } from '@/lib/identity/guard';
import { localePath } from '@/lib/i18n/locales';
import { creditNoteInput, issueCreditNote } from '@/lib/invoices/credit';

export const dynamic = 'force-dynamic';

/**
 * The storefront's staff credit an invoice by hand (chosen lines or an amount, with a reason):
 * back on the invoice's portal page, which lists the credit note. The same key issues it once.
 */
export const POST = guardedRoute({ permission: 'credits:issue', input: creditNoteInput }, async ({ db, tenant, viewer, input }) => {
  const { note, settlement } = await issueCreditNote(db, tenant, viewer.email, input, now());
  const page = localePath(input.locale, tenant.defaultLocale, `/admin/invoices/${input.invoiceId}`);
  return { redirect: `${page}?notice=credited_${settlement}`, json: { creditNoteId: note.id, number: note.number, total: note.total, settlement } };
});
