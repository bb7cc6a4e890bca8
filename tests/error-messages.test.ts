import { createElement } from 'react';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import de from '@/content/messages/de.json';
import en from '@/content/messages/en.json';
import fr from '@/content/messages/fr.json';
import { FormFeedback } from '@/app/[tenant]/[locale]/_components/forms';
import { DomainError, ERROR_CODES, ERRORS, type ErrorCode, type ErrorDetails } from '@/lib/errors';
import { renderToHtml } from '@/lib/html/render';
import { describeError } from '@/lib/http/errors';
import { ORIGIN_HEADER, SIGNATURE_HEADER, TENANT_HEADER, sign } from '@/lib/http/trust';
import { guardedRoute } from '@/lib/identity/guard';
import { IntlMessageFormat } from 'intl-messageformat';
import { formatMoney } from '@/lib/money';
import { driverName } from './helpers/db';
import { createWorld, type World } from './helpers/world';

const SENTENCES: Record<string, Record<string, string>> = { en: en.errors, de: de.errors, fr: fr.errors };

/** What each code that carries details carries here: the compiler asks for one per such code. */
const SAMPLES: { [C in keyof ErrorDetails]-?: Exclude<ErrorDetails[C], undefined> } = {
  invalid_input: { fields: ['name: contains control characters'] },
  not_found: { fields: ['product: there is no product "nope" in the catalog'] },
  invalid_seats: { min: 1, max: 300 },
  credit_limit: { total: { amount: 123_456, currency: 'EUR' }, available: { amount: 50_000, currency: 'EUR' }, limit: { amount: 100_000, currency: 'EUR' }, methods: ['card', 'bank_transfer'] },
  payment_unavailable: { methods: ['bank_transfer'] },
  invalid_slug: { slug: 'www', problem: 'that address is reserved' },
  slug_taken: { slug: 'northwind' },
  slug_fixed: { slug: 'northwind' },
  licensee_required: { product: 'Microsoft 365 Business Basic' },
  domain_unverified: { hostname: 'shop.example.com' },
  domain_taken: { hostname: 'shop.example.com' },
  domain_not_verified: { hostname: 'shop.example.com' },
  contrast_too_low: { pairs: ['text: #777777 on #ffffff is 4.48:1'] },
  below_cost: { prices: ['Keeper Business (KP-BUS-M, USD)'] },
  settings_invalid: { problems: ['AUTH_SECRET: at least 32 characters'] },
  overloaded: { retryAfterSeconds: 2 },
};
const sample = (code: ErrorCode) => (SAMPLES as Record<string, unknown>)[code];

/** The sentence a reader of `locale` should see, worked out from the messages file itself. */
function expected(locale: string, code: ErrorCode): string {
  const details = sample(code) as Record<string, unknown> | undefined;
  const shown = (v: unknown): string =>
    Array.isArray(v) ? v.join('; ') : typeof v === 'object' && v ? formatMoney((v as { amount: number }).amount, (v as { currency: string }).currency, locale) : String(v);
  const messages = { en, de, fr }[locale as 'en' | 'de' | 'fr'];
  // A refused field is named by its label in the reader's language ("name: …" → "Name: …").
  const labelled = (lines: string[]) => lines.map((l) => l.replace(/^(\w+): /, (_, f: string) => `${(messages.fields as Record<string, string>)[f] ?? f}: `)).join('; ');
  const values = Object.fromEntries(Object.entries(details ?? {}).map(([name, v]) => [name, name === 'fields' ? labelled(v as string[]) : name === 'methods' ? new Intl.ListFormat(locale, { type: 'disjunction' }).format((v as ('card' | 'bank_transfer')[]).map((m) => messages.paymentMethods[m])) : shown(v)]));
  const sentence = String(new IntlMessageFormat(SENTENCES[locale]![code]!, locale).format({ methods: 'none', ...values }));
  // Codes whose sentence has no place for the fields it refused still name them.
  return details && 'fields' in details && !SENTENCES[locale]![code]!.includes('{fields}') ? `${sentence} (${labelled(details.fields as string[])})` : sentence;
}

const text = (html: string) => html.replace(/<[^>]+>/g, '').replace(/&quot;/g, '"').replace(/&#x27;/g, "'").replace(/&amp;/g, '&');

describe('an error from another copy of lib/errors', () => {
  it('is answered with its own status and code, not as an unexpected 500', async () => {
    // The server's bundles each hold a copy (the instrumentation that opens the database is bundled
    // apart from the routes): the embedded database's refusal came from the other copy.
    vi.resetModules();
    const other = await import('@/lib/errors');
    expect(other.DomainError, 'a second copy of the module').not.toBe(DomainError);
    const refused = new other.DomainError('overloaded', undefined, { retryAfterSeconds: 3 });
    expect(refused).toBeInstanceOf(DomainError);
    expect(describeError(refused)).toMatchObject({ status: 503, code: 'overloaded', values: { retryAfterSeconds: 3 } });
    expect(new Error('overloaded')).not.toBeInstanceOf(DomainError);
    expect(Object.assign(new Error('x'), { code: 'overloaded' })).not.toBeInstanceOf(DomainError);
  });
});

describe('every error code has its own sentence in every language', () => {
  it('each locale has exactly one sentence per code, none of them the permission one but forbidden’s', () => {
    for (const [locale, sentences] of Object.entries(SENTENCES)) {
      expect(Object.keys(sentences).sort(), locale).toEqual([...ERROR_CODES].sort());
      const forbidden = sentences.forbidden!;
      for (const code of ERROR_CODES.filter((c) => c !== 'forbidden')) expect(sentences[code], `${locale} ${code}`).not.toBe(forbidden);
      // Own sentences: no two codes share their words.
      expect(new Set(Object.values(sentences)).size, locale).toBe(ERROR_CODES.length);
    }
  });

  it('a code a page does not know reads as “that did not work”, not as a permission problem', async () => {
    for (const locale of ['en', 'de', 'fr']) {
      const html = await renderToHtml(createElement(FormFeedback, { locale, search: { error: 'made_up_code' } }));
      expect(text(html)).toBe(SENTENCES[locale]!.internal);
      expect(text(html)).not.toBe(SENTENCES[locale]!.forbidden);
    }
  });

  it('Auth.js’s own name for a used-up link reads as that', async () => {
    const html = await renderToHtml(createElement(FormFeedback, { locale: 'fr', search: { error: 'Verification' } }));
    expect(text(html)).toBe(SENTENCES.fr!.link_expired);
  });

  it('a plan the storefront no longer sells is said so', async () => {
    const html = await renderToHtml(createElement(FormFeedback, { locale: 'en', search: { error: 'no_offer' } }));
    expect(text(html)).toMatch(/no longer sold here/);
  });

  it('a page opened with its details cut off or forged shows no placeholder and no markup', async () => {
    for (const details of [undefined, '{"slug":', '{"slug":{"a":1}}', '{"slug":"<b>x</b>"}']) {
      const html = await renderToHtml(createElement(FormFeedback, { locale: 'de', search: { error: 'slug_taken', ...(details ? { details } : {}) } }));
      expect(html).not.toMatch(/\{slug\}|errors\.|<b>/);
    }
  });
});

let w: World;
beforeAll(async () => {
  w = await createWorld();
});
afterAll(async () => w?.drop());
beforeEach(() => w.install());

// A route like every other, whose handler refuses with the code it is sent.
const refusing = guardedRoute({ permission: null, input: z.object({ code: z.string() }) }, async ({ input }) => {
  // Any code with its sample details, which the typed constructor only takes code by code.
  throw Reflect.construct(DomainError, [input.code, undefined, sample(input.code as ErrorCode)]) as DomainError;
});

function post(body: BodyInit, contentType: string) {
  const origin = w.origin(w.tenants.acme);
  return refusing(
    new Request(`${origin}/api/test/refuse`, {
      method: 'POST',
      body,
      headers: { origin, 'content-type': contentType, [TENANT_HEADER]: w.tenants.acme.id, [ORIGIN_HEADER]: origin, [SIGNATURE_HEADER]: sign(w.tenants.acme.id, origin) },
    }),
  );
}

describe(`every error code through a form and a JSON call (${driverName})`, () => {
  it('a JSON client gets the code’s status, the code, the refused fields and the named values', async () => {
    for (const code of ERROR_CODES) {
      const response = await post(JSON.stringify({ code }), 'application/json');
      expect(response.status, code).toBe(ERRORS[code].status);
      const { error } = (await response.json()) as { error: { code: string; message: string; details?: string[]; values?: unknown } };
      expect(error.code, code).toBe(code);
      expect(error.message.length, code).toBeGreaterThan(0);
      // Refused fields are lines to read; any other details are named values.
      const details = sample(code) as Record<string, unknown> | undefined;
      expect(error.details, code).toEqual(details && 'fields' in details ? details.fields : undefined);
      expect(error.values, code).toEqual(details && !('fields' in details) ? details : undefined);
    }
  });

  it('a form goes back to its page, which says the code’s own sentence in en, de and fr', async () => {
    // Requests that must not be acted on at all are answered outright; a 401 goes to sign-in.
    const outright = new Set<ErrorCode>(['cross_origin', 'payload_too_large', 'unsupported_media_type', 'bad_request', 'invalid_json']);
    for (const code of ERROR_CODES) {
      const response = await post(new URLSearchParams({ code, returnTo: '/account' }), 'application/x-www-form-urlencoded');
      let search: Record<string, string>;
      if (outright.has(code)) {
        expect(response.status, code).toBe(ERRORS[code].status);
        expect(await response.text(), code).toMatch(/\S/);
        search = { error: code };
      } else if (ERRORS[code].status === 401) {
        expect(response.status, code).toBe(303);
        expect(new URL(response.headers.get('location')!, 'http://x').pathname, code).toBe('/signin');
        // Sign-in pages still name it (Auth.js's own "Verification" included, below).
        search = { error: code };
      } else {
        expect(response.status, code).toBe(303);
        const location = new URL(response.headers.get('location')!, 'http://x');
        expect(location.searchParams.get('error'), code).toBe(code);
        search = Object.fromEntries(location.searchParams);
      }
      for (const locale of ['en', 'de', 'fr']) {
        const html = await renderToHtml(createElement(FormFeedback, { locale, search }));
        expect(text(html), `${locale} ${code}`).toBe(expected(locale, code));
      }
    }
  });
});

describe('a refusal names each field by its label, in the page’s language', () => {
  it('never by the name the code gives it', async () => {
    const { errorSentence } = await import('@/lib/i18n/errors');
    const details = 'taxRates: write DE 19, FR 20; externalId: missing (send it; an empty value clears it)';
    expect(errorSentence('en', 'invalid_input', details)).toBe('Please check these fields: Tax rates: write DE 19, FR 20; Vendor reference: missing');
    expect(errorSentence('de', 'invalid_input', details)).toBe('Bitte prüfen Sie die Eingaben: Steuersätze: write DE 19, FR 20; Referenz beim Hersteller: fehlt');
    // A field without a label of its own is spelled out, not shown in camel case.
    expect(errorSentence('en', 'invalid_input', 'storefrontTheme: one of classic, bold')).toBe('Please check these fields: Storefront theme: one of classic, bold');
  });

  it('seats outside a plan say which seats the plan allows', async () => {
    const { errorSentence } = await import('@/lib/i18n/errors');
    expect(errorSentence('fr', 'invalid_seats', JSON.stringify({ min: 1, max: 300 }))).toBe('Ce nombre de licences sort des limites de la formule : choisissez entre 1 et 300 licences.');
  });
});

describe('a link typed by hand with plain details', () => {
  it('reads as the code’s sentence about what it names', async () => {
    const { errorSentence } = await import('@/lib/i18n/errors');
    expect(errorSentence('en', 'invalid_slug', 'www')).toBe('“www” cannot be a storefront address: choose another one');
    expect(errorSentence('de', 'slug_taken', 'northwind')).toContain('northwind');
  });
});
