/**
 * Why an order moved, as its history shows it in the reader's language. The history keeps the
 * cause as written (English, for logs and the API); each cause the code writes has its sentence
 * here, found by its shape. A cause of no known shape (written by an older version) is shown as
 * it was written.
 */
const CAUSES: { pattern: RegExp; key: string; names?: string[] }[] = [
  { pattern: /^placed by (.+)$/, key: 'placedBy', names: ['who'] },
  { pattern: /^accepted on account$/, key: 'acceptedOnAccount' },
  { pattern: /^waiting for the card payment$/, key: 'waitingForCard' },
  { pattern: /^waiting for the bank transfer$/, key: 'waitingForTransfer' },
  { pattern: /^provisioned before the bank transfer arrives$/, key: 'beforeTransfer' },
  { pattern: /^nothing to pay$/, key: 'nothingToPay' },
  { pattern: /^payment received$/, key: 'paymentReceived' },
  { pattern: /^payment received, marked paid by (.+)$/, key: 'markedPaidBy', names: ['who'] },
  { pattern: /^invoice paid by card$/, key: 'invoicePaidByCard' },
  { pattern: /^the payment page expired unpaid$/, key: 'paymentPageExpired' },
  { pattern: /^customer returned from Stripe$/, key: 'returnedFromStripe' },
  { pattern: /^payment found by reconciliation$/, key: 'foundByReconciliation' },
  { pattern: /^Stripe event (\S+) \((\S+)\)$/, key: 'stripeEvent', names: ['event', 'id'] },
  { pattern: /^activated by (.+)$/, key: 'activatedBy', names: ['who'] },
  { pattern: /^every line provisioned$/, key: 'everyLineProvisioned' },
  { pattern: /^cancelled by ([^:]+): (.+)$/s, key: 'cancelledBy', names: ['who', 'reason'] },
  { pattern: /^(\d+) of (\d+) lines could not be provisioned$/, key: 'linesFailed', names: ['failed', 'count'] },
];

export type CauseTranslator = (key: string, values?: Record<string, string | number>) => string;

/** The cause in the reader's language: `t` is the `orderHistory` messages' translator. */
export function causeText(cause: string, t: CauseTranslator): string {
  for (const { pattern, key, names = [] } of CAUSES) {
    const match = pattern.exec(cause);
    if (!match) continue;
    const values = Object.fromEntries(names.map((n, i) => [n, /^\d+$/.test(match[i + 1]!) ? Number(match[i + 1]) : match[i + 1]!]));
    return t(key, values);
  }
  return cause;
}

/** Every sentence key a cause may need (tests check each exists in every language). */
export const CAUSE_KEYS = CAUSES.map((c) => c.key);
