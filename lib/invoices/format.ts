import type { BankDetails, InvoiceRow } from '../db/schema';

/** How a document's number is printed: INV-000042, CN-000007 (each kind has its own series). */
export function documentNumber(invoice: Pick<InvoiceRow, 'kind' | 'number'>): string {
  return `${invoice.kind === 'invoice' ? 'INV' : 'CN'}-${String(invoice.number).padStart(6, '0')}`;
}

/**
 * The structured creditor reference (ISO 11649, "RF" + two check digits + the reference) a bank
 * transfer quotes for a document: banks check its digits, so a typo is caught before the money
 * goes astray. Printed in groups of four.
 */
export function creditorReference(reference: string): string {
  const body = reference.toUpperCase().replace(/[^A-Z0-9]/g, '');
  if (!body || body.length > 21) throw new Error(`creditorReference: "${reference}" must be 1–21 letters or digits`);
  const digits = `${body}RF00`.replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55));
  let rest = 0;
  for (const d of digits) rest = (rest * 10 + Number(d)) % 97;
  return `RF${String(98 - rest).padStart(2, '0')}${body}`;
}

/** Whether a creditor reference's check digits hold (what a bank checks). */
export function isCreditorReference(value: string): boolean {
  const v = value.replace(/\s/g, '').toUpperCase();
  if (!/^RF\d{2}[A-Z0-9]{1,21}$/.test(v)) return false;
  const digits = `${v.slice(4)}${v.slice(0, 4)}`.replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55));
  let rest = 0;
  for (const d of digits) rest = (rest * 10 + Number(d)) % 97;
  return rest === 1;
}

export const groupsOfFour = (s: string) => s.replace(/(.{4})(?=.)/g, '$1 ');

/** The labels bank details are printed with, in the reader's language. */
export interface BankLabels {
  accountHolder: string;
  accountNumber: string;
  bankCode: string;
  bank: string;
}

/** A storefront's bank details as lines to print: the IBAN in groups of four, or the account and bank code. */
export function bankLines(bank: BankDetails, labels: BankLabels): string[] {
  return [
    `${labels.accountHolder}: ${bank.accountHolder}`,
    bank.iban ? `IBAN: ${groupsOfFour(bank.iban)}` : null,
    bank.bic ? `BIC: ${bank.bic}` : null,
    bank.accountNumber ? `${labels.accountNumber}: ${bank.accountNumber}` : null,
    bank.bankCode ? `${labels.bankCode}: ${bank.bankCode}` : null,
    bank.bankName ? `${labels.bank}: ${bank.bankName}` : null,
  ].filter((l): l is string => l !== null);
}
