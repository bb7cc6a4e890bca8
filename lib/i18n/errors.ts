import type de from '../../content/messages/de.json';
import type en from '../../content/messages/en.json';
import type fr from '../../content/messages/fr.json';
import { isErrorCode, type ErrorCode } from '../errors';
import { formatMoney } from '../money';
import { translator } from './translator';

/**
 * Every code has its sentence in every shipped language, under `errors.<code>`: the compiler
 * refuses a locale file that lacks one (tests/error-messages.test.ts also walks them at run time).
 */
type Sentences<M extends { errors: Record<ErrorCode, string> }> = M['errors'];
export type ErrorSentences = [Sentences<typeof en>, Sentences<typeof de>, Sentences<typeof fr>];

/** The key of the sentence a person reads for a code: one per code, so no code borrows another's words. */
export type ErrorMessageKey = `errors.${ErrorCode}`;
export const errorMessageKey = (code: ErrorCode): ErrorMessageKey => `errors.${code}`;

/** Values the form's query string may not be a code of ours (Auth.js names its own). */
const ALIASES: Record<string, ErrorCode> = { Verification: 'link_expired', rateLimited: 'rate_limited' };

/** Names a sentence may use, so a page opened without its details shows "…" rather than a key. */
const NAMES = ['fields', 'min', 'max', 'total', 'available', 'limit', 'slug', 'problem', 'product', 'hostname', 'pairs', 'prices', 'problems'];

const MAX_TEXT = 300;

/** What each code's sentence is about, for details sent as plain text. */
const SUBJECT: Partial<Record<ErrorCode, string>> = {
  invalid_slug: 'slug', slug_taken: 'slug', slug_fixed: 'slug', licensee_required: 'product',
  domain_unverified: 'hostname', domain_taken: 'hostname', domain_not_verified: 'hostname',
};

/**
 * What a person reads for an error code and its details as the form's redirect carried them
 * (lib/http/errors.ts `detailsParam`): lines of fields as text, named details as JSON. Anything
 * that is not a code of ours reads as the neutral "that did not work" — never as a permission
 * problem it may not be.
 */
export function errorSentence(locale: string, code: string, details?: string): string {
  const known: ErrorCode = isErrorCode(code) ? code : (ALIASES[code] ?? 'internal');
  const t = translator(locale);
  const values: Record<string, string> = Object.fromEntries(NAMES.map((n) => [n, '…']));
  values.methods = 'none';
  values.problem = t('fieldMessages.notAllowed');
  const named = readNamed(details);
  // Plain text where a code names what it refused (a link typed by hand, `?error=invalid_slug&details=www`):
  // the text is that name, in its sentence.
  const subject = !named && details ? SUBJECT[known] : undefined;
  if (subject) {
    values[subject] = details!.slice(0, MAX_TEXT);
    return t(errorMessageKey(known), values);
  }
  if (named) for (const [k, v] of Object.entries(named)) values[k] = k === 'methods' ? methodList(v, locale) : k === 'fields' ? labelled(v, locale) : show(v, locale);
  else if (details) values.fields = labelled(details.slice(0, MAX_TEXT), locale);
  const sentence = t(errorMessageKey(known), values);
  // A sentence without a place for the refused fields (not found, say) still names them.
  return !named && details && known !== 'invalid_input' && !sentence.includes(values.fields!) ? `${sentence} (${values.fields})` : sentence;
}

/**
 * Refused fields as a person reads them: "taxRates: write DE 19" becomes "Tax rates: write DE 19"
 * (the field's label in the page's language, never its name in the code). A field with no label
 * of its own is spelled out from its name ("externalId" → "External id").
 */
function labelled(value: unknown, locale: string): string {
  const lines = Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : typeof value === 'string' ? value.split(/; (?=[A-Za-z][\w.]*: )/) : [];
  if (!lines.length) return '…';
  const t = translator(locale);
  return lines
    .map((line) => {
      const match = /^([A-Za-z][\w.]*): (.*)$/s.exec(line);
      if (!match) return line;
      const [, name, message] = match as unknown as [string, string, string];
      const field = name.split('.')[0]!;
      const key = `fields.${field}`;
      const label = t.has(key) ? t(key) : field.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/^./, (c) => c.toUpperCase()).replace(/ ([A-Z])(?=[a-z])/g, (_, c: string) => ` ${c.toLowerCase()}`);
      const said = message.startsWith('missing') ? t('fieldMessages.missing') : message;
      return `${label}: ${said}`;
    })
    .join('; ')
    .slice(0, MAX_TEXT);
}

const METHODS = new Set(['on_account', 'card', 'bank_transfer']);

/** Payment methods named in a sentence, "card or bank transfer"; `none` picks the sentence's other branch. */
function methodList(value: unknown, locale: string): string {
  const keys = Array.isArray(value) ? value.filter((v): v is 'on_account' | 'card' | 'bank_transfer' => typeof v === 'string' && METHODS.has(v)) : [];
  if (!keys.length) return 'none';
  const t = translator(locale);
  return new Intl.ListFormat(locale, { type: 'disjunction' }).format(keys.map((k) => t(`paymentMethods.${k}`)));
}

function readNamed(details: string | undefined): Record<string, unknown> | null {
  if (!details?.startsWith('{')) return null;
  try {
    const value: unknown = JSON.parse(details);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

function show(value: unknown, locale: string): string {
  if (typeof value === 'string') return value.slice(0, MAX_TEXT);
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (Array.isArray(value)) return value.map((v) => show(v, locale)).join('; ').slice(0, MAX_TEXT);
  if (value && typeof value === 'object' && 'amount' in value && 'currency' in value) {
    const { amount, currency } = value as { amount: unknown; currency: unknown };
    if (Number.isSafeInteger(amount) && typeof currency === 'string' && /^[A-Z]{3}$/.test(currency)) {
      try {
        return formatMoney(amount as number, currency, locale);
      } catch {
        return '…';
      }
    }
  }
  return '…';
}
