import { API } from './api-routes';
import { quietButtonClass } from './forms';

/** Staff record that an open invoice was paid by bank transfer; the answer comes back to `returnTo`. */
export function MarkPaid({ invoiceId, returnTo, label }: { invoiceId: string; returnTo: string; label: string }) {
  return (
    <form method="post" action={API.adminInvoicesPaid}>
      <input type="hidden" name="returnTo" value={returnTo} />
      <input type="hidden" name="invoiceId" value={invoiceId} />
      <button type="submit" className={quietButtonClass} data-testid="mark-paid">{label}</button>
    </form>
  );
}
