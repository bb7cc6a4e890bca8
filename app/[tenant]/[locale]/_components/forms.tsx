import { errorSentence } from '@/lib/i18n/errors';
import { translator } from '@/lib/i18n/translator';
import type { ReactNode } from 'react';

type Search = Record<string, string | string[] | undefined>;

const NOTICES: Record<string, string> = {
  saved: 'account.saved',
  created: 'account.saved',
  invited: 'account.saved',
  removed: 'account.removed',
  signedOut: 'auth.signedOut',
  added: 'shop.notices.added',
  placed: 'shop.notices.placed',
  draftSaved: 'shop.notices.draftSaved',
  published: 'shop.notices.published',
  restored: 'shop.notices.restored',
  draftDiscarded: 'shop.notices.draftDiscarded',
  pricesPublished: 'shop.notices.pricesPublished',
  placedFor: 'assisted.placed',
  requested: 'account.creditRequested',
  granted: 'customersAdmin.creditGranted',
  declined: 'customersAdmin.creditDeclined',
  orderCancelled: 'orders.cancelled',
  credited_refund: 'credit.notices.refund',
  credited_due: 'credit.notices.due',
  credited_balance: 'credit.notices.balance',
};
/** The outcome of the last form post, from the query string the guarded route redirected to. */
export function FormFeedback({ locale, search }: { locale: string; search: Search }) {
  const one = (k: string) => (Array.isArray(search[k]) ? search[k]?.[0] : search[k]) as string | undefined;
  const error = one('error');
  const notice = one('notice');
  if (error) return <p role="alert" data-testid="form-error" className="rounded-theme border border-primary bg-surface px-4 py-3 text-sm">{errorSentence(locale, error, one('details'))}</p>;
  if (notice && NOTICES[notice]) return <p role="status" data-testid="form-notice" className="rounded-theme bg-surface px-4 py-3 text-sm">{translator(locale)(NOTICES[notice])}</p>;
  return null;
}

export function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <label className="flex flex-col gap-1 text-sm">
      <span className="text-muted">{label}</span>
      {children}
    </label>
  );
}

export const inputClass = 'rounded-theme border border-line bg-surface px-3 py-2 text-ink';

/**
 * Why the storefront's staff make a change for someone else (kept in its history): required,
 * 3–500 characters as the routes check, the rest of the row beside its button, a row of its own
 * on a phone.
 */
export function ReasonField({ label }: { label: string }) {
  return (
    <label className="flex w-full min-w-0 flex-col gap-1 text-sm sm:w-auto sm:flex-1">
      <span className="text-muted">{label}</span>
      <input name="reason" required minLength={3} maxLength={500} autoComplete="off" className={inputClass} data-testid="reason" />
    </label>
  );
}
export const buttonClass = 'rounded-theme bg-primary px-4 py-2 text-sm font-medium text-primary-text';
export const quietButtonClass = 'rounded-theme border border-line px-3 py-1 text-sm hover:border-primary';

/** The filters of a portal list that could not be read (the list shows without them). */
export function FilterProblems({ message }: { message: string | null }) {
  if (!message) return null;
  return <p role="alert" data-testid="form-error" className="rounded-theme border border-primary bg-surface px-4 py-3 text-sm">{message}</p>;
}

/**
 * A checkbox that is always sent: a hidden "off" goes first, and the box's "on" (posted after it)
 * wins when ticked. Settings endpoints refuse a field that is not sent at all (lib/input/fields.ts),
 * so an unticked box is an explicit "off", not a missing field.
 */
export function Checkbox({ name, defaultChecked, label, className }: { name: string; defaultChecked: boolean; label: ReactNode; className?: string }) {
  return (
    <label className={className ?? 'flex items-center gap-2 text-sm'}>
      <input type="hidden" name={name} value="off" />
      <input type="checkbox" name={name} defaultChecked={defaultChecked} />
      {label}
    </label>
  );
}
