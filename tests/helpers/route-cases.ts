import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { and, eq, isNull } from 'drizzle-orm';
import { markupRules, organizations, resellerOffers, tenants, users } from '@/lib/db/schema';
import { ORIGIN_HEADER, SIGNATURE_HEADER, sign, TENANT_HEADER } from '@/lib/http/trust';
import { formatTaxRates } from '@/lib/tenancy/commerce';
import { basisPointsToPercent, minorToDecimal } from '@/lib/money';
import { DEMO_ACME_API_KEY } from '@/lib/seed/demo';
import { tokenSchema } from '@/themes/tokens';
import type { World } from './world';

/**
 * Every route handler under app/api, described once: who calls it and a body it takes. The
 * missing-field and fuzz suites are generated from the files on disk, so a new route fails them
 * until it is described here.
 *
 * - `settings`: the body restates what is stored (reads it from the database), so sending it
 *   changes nothing; left out, any field must still change nothing.
 * - `action`: the body does something (its ids may be placeholders); left out, a required field
 *   is refused naming it, and nothing changes. `optional` fields are allowed to be left out (the
 *   handler has a default that sets nothing stored: a locale, a page to come back to).
 * - `signed`: not a form: a body only a signer (Stripe, this process) can make; fuzzed only.
 */
export type Caller = readonly ['acme' | 'globex' | 'northwind', string] | null;
export interface RouteCase {
  method: 'POST' | 'PUT' | 'GET';
  kind: 'settings' | 'action' | 'signed' | 'read';
  as: Caller | 'api-key';
  host?: 'acme' | 'globex' | 'northwind';
  body: (w: World) => Promise<Record<string, unknown>> | Record<string, unknown>;
  optional?: readonly string[];
  /** How a left-out field's refusal names it, where the form speaks of rows rather than fields. */
  refusal?: Readonly<Record<string, string>>;
  /**
   * The handler needs Next's request scope (draft mode's cookie): it cannot run outside a server,
   * so the end-to-end suite sends it the same bodies (e2e/hostile-input.spec.ts).
   */
  serverOnly?: true;
}

const ACME_ADMIN = ['acme', 'admin@acme.test'] as const;
const ACME_STAFF = ['acme', 'staff@acme.test'] as const;
const ANNA = ['acme', 'anna@contoso.test'] as const;
const NORTHWIND_ADMIN = ['northwind', 'admin@northwind.test'] as const;
// A well-formed id nothing has: an action aimed at it finds nothing, so the body is still readable.
const NOBODY = '00000000-0000-4000-8000-000000000000';
const KEY = 'route-cases-0123456789';

const acmeRow = async (w: World) => (await w.db.select().from(tenants).where(eq(tenants.id, w.tenants.acme.id)))[0]!;
const org = async (w: World, tenant: 'acme' | 'northwind', name: string) => (await w.db.select().from(organizations).where(and(eq(organizations.tenantId, w.tenants[tenant].id), eq(organizations.name, name))))[0]!;
const tokenNames = Object.keys(tokenSchema.shape);

export const ROUTE_CASES: Record<string, RouteCase> = {
  // The customer's account.
  'POST /api/account/invoices/pay': { method: 'POST', kind: 'action', as: ANNA, body: () => ({ invoiceId: NOBODY, locale: 'en' }), optional: ['locale'] },
  'POST /api/account/licensees': { method: 'POST', kind: 'action', as: ANNA, body: async (w) => ({ organizationId: (await org(w, 'acme', 'Contoso Ltd')).id, name: 'Licensee Ltd', country: 'DE', contactEmail: 'it@licensee.test', taxId: '' }), optional: ['taxId'] },
  'POST /api/account/organizations': { method: 'POST', kind: 'action', as: ['acme', 'visitor@example.test'], body: () => ({ name: 'Probe Org', country: 'US', billingEmail: 'ap@probe.test', street: '1 Probe Way', city: 'New York', currency: 'USD', postalCode: '10001', taxId: '' }), optional: ['postalCode', 'taxId'] },
  'POST /api/account/credit-request': { method: 'POST', kind: 'action', as: ANNA, body: async (w) => ({ organizationId: (await org(w, 'acme', 'Contoso Ltd')).id, amount: '', note: '' }), optional: ['amount', 'note'] },
  'POST /api/account/organizations/invite': { method: 'POST', kind: 'action', as: ANNA, body: async (w) => ({ organizationId: (await org(w, 'acme', 'Contoso Ltd')).id, email: 'new.person@contoso.test', role: 'customer_member' }) },
  'POST /api/account/organizations/remove': { method: 'POST', kind: 'action', as: ANNA, body: async (w) => ({ organizationId: (await org(w, 'acme', 'Contoso Ltd')).id, membershipId: NOBODY }) },
  'POST /api/account/organizations/update': {
    method: 'POST', kind: 'settings', as: ANNA,
    body: async (w) => {
      const o = await org(w, 'acme', 'Contoso Ltd');
      return { organizationId: o.id, name: o.name, country: o.country, billingEmail: o.billingEmail, street: o.street ?? '1 Main Street', postalCode: o.postalCode ?? '', city: o.city ?? 'Springfield', taxId: o.taxId ?? '', currency: o.currency };
    },
  },
  'POST /api/account/profile': {
    method: 'POST', kind: 'settings', as: ANNA,
    body: async (w) => ({ name: (await w.db.select().from(users).where(and(eq(users.tenantId, w.tenants.acme.id), eq(users.email, 'anna@contoso.test'))))[0]!.name }),
  },
  'POST /api/account/subscriptions/assign': { method: 'POST', kind: 'action', as: ANNA, body: () => ({ subscriptionId: NOBODY, userId: NOBODY, locale: 'en' }), optional: ['locale'] },
  'POST /api/account/subscriptions/auto-renew': { method: 'POST', kind: 'action', as: ANNA, body: () => ({ subscriptionId: NOBODY, autoRenew: 'off', locale: 'en' }), optional: ['locale'] },
  'POST /api/account/subscriptions/cancel': { method: 'POST', kind: 'action', as: ANNA, body: () => ({ subscriptionId: NOBODY, locale: 'en' }), optional: ['locale'] },
  'POST /api/account/subscriptions/plan': { method: 'POST', kind: 'action', as: ANNA, body: () => ({ subscriptionId: NOBODY, planId: NOBODY, idempotencyKey: KEY, locale: 'en' }), optional: ['locale'] },
  'POST /api/account/subscriptions/resume': { method: 'POST', kind: 'action', as: ANNA, body: () => ({ subscriptionId: NOBODY, locale: 'en' }), optional: ['locale'] },
  'POST /api/account/subscriptions/seats': { method: 'POST', kind: 'action', as: ANNA, body: () => ({ subscriptionId: NOBODY, seats: '3', idempotencyKey: KEY, locale: 'en' }), optional: ['locale'] },
  'POST /api/account/subscriptions/unassign': { method: 'POST', kind: 'action', as: ANNA, body: () => ({ subscriptionId: NOBODY, userId: NOBODY, locale: 'en' }), optional: ['locale'] },
  'POST /api/account/subscriptions/withdraw': { method: 'POST', kind: 'action', as: ANNA, body: () => ({ subscriptionId: NOBODY, locale: 'en' }), optional: ['locale'] },

  // The reseller's portal.
  'POST /api/admin/api-keys': { method: 'POST', kind: 'action', as: ACME_ADMIN, body: () => ({ name: 'Probe key' }) },
  'POST /api/admin/api-keys/revoke': { method: 'POST', kind: 'action', as: ACME_ADMIN, body: () => ({ keyId: NOBODY }) },
  'POST /api/admin/catalog': {
    method: 'POST', kind: 'settings', as: ACME_ADMIN,
    body: async (w) => ({ action: 'mode', listing: (await w.db.select().from(resellerOffers).where(eq(resellerOffers.tenantId, w.tenants.acme.id)))[0]!.listing }),
  },
  'POST /api/admin/commerce': {
    method: 'POST', kind: 'settings', as: ACME_ADMIN,
    body: async (w) => {
      const acme = await acmeRow(w);
      return { taxRates: formatTaxRates(acme.taxRates), stripeAccountId: acme.stripeAccountId ?? '' };
    },
  },
  'POST /api/admin/customers': {
    method: 'POST', kind: 'settings', as: ACME_ADMIN,
    body: async (w) => {
      const o = await org(w, 'acme', 'Fabrikam Inc');
      return { organizationId: o.id, onAccount: o.onAccount ? 'on' : 'off', creditLimit: minorToDecimal(o.creditLimit, o.currency) };
    },
  },
  'POST /api/admin/customers/contract-prices': {
    method: 'POST', kind: 'settings', as: ACME_ADMIN,
    body: async (w) => ({ organizationId: (await org(w, 'acme', 'Contoso Ltd')).id, planSku: 'KP-BUS-Y', currency: 'USD', amount: '500.00' }),
  },
  'POST /api/admin/customers/invite': { method: 'POST', kind: 'action', as: ACME_ADMIN, body: async (w) => ({ organizationId: (await org(w, 'acme', 'Fabrikam Inc')).id, email: 'second.admin@fabrikam.test', role: 'customer_admin' }), optional: ['role'] },
  'POST /api/admin/customers/order': {
    method: 'POST', kind: 'action', as: ACME_ADMIN, body: () => ({ organizationId: NOBODY, idempotencyKey: KEY, sku0: 'KP-BUS-M', seats0: '2' }),
    refusal: { sku0: 'line 1: enter the plan’s SKU', seats0: 'line 1: seats must be a whole number' },
  },
  // Globex's design has an override of its own (its primary colour), which a token left out must keep.
  'POST /api/admin/design': {
    method: 'POST', kind: 'settings', as: ['globex', 'admin@globex.test'],
    body: async (w) => {
      const [globex] = await w.db.select().from(tenants).where(eq(tenants.id, w.tenants.globex.id));
      // An empty token is "as inherited" (the theme's, under the distributor's defaults).
      return { theme: globex!.theme, ...Object.fromEntries(tokenNames.map((n) => [n, globex!.themeOverrides[n] ?? ''])), intent: 'save' };
    },
    optional: ['intent'],
  },
  // Sent whole first, the body sets a default radius, which a token left out must keep.
  'POST /api/admin/design/defaults': {
    method: 'POST', kind: 'settings', as: NORTHWIND_ADMIN, host: 'northwind',
    body: async (w) => {
      const [row] = await w.db.select().from(tenants).where(eq(tenants.id, w.tenants.northwind.id));
      return { ...Object.fromEntries(tokenNames.map((n) => [n, row!.defaultTokens[n] ?? ''])), radius: '6px' };
    },
  },
  'POST /api/admin/design/discard': { method: 'POST', kind: 'action', as: ACME_ADMIN, body: () => ({}) },
  'POST /api/admin/design/logo': { method: 'POST', kind: 'action', as: ACME_ADMIN, body: () => ({ intent: 'upload' }), optional: ['intent'] },
  'POST /api/admin/design/preview': { method: 'POST', kind: 'action', as: ACME_ADMIN, body: () => ({ intent: 'exit', home: '/' }), optional: ['intent', 'home'], serverOnly: true },
  'POST /api/admin/design/publish': { method: 'POST', kind: 'action', as: ACME_ADMIN, body: () => ({}) },
  'POST /api/admin/design/restore': { method: 'POST', kind: 'action', as: ACME_ADMIN, body: () => ({ version: '999' }) },
  'POST /api/admin/domains': { method: 'POST', kind: 'action', as: ACME_ADMIN, body: () => ({ hostname: 'probe.acme-cloud.example' }) },
  'POST /api/admin/domains/primary': { method: 'POST', kind: 'action', as: ACME_ADMIN, body: () => ({ hostname: 'nowhere.acme-cloud.example' }) },
  'POST /api/admin/domains/remove': { method: 'POST', kind: 'action', as: ACME_ADMIN, body: () => ({ hostname: 'nowhere.acme-cloud.example' }) },
  'POST /api/admin/domains/verify': { method: 'POST', kind: 'action', as: ACME_ADMIN, body: () => ({ hostname: 'nowhere.acme-cloud.example' }) },
  'POST /api/admin/customers/credit-requests': { method: 'POST', kind: 'action', as: ACME_ADMIN, body: () => ({ requestId: NOBODY, decision: 'decline', creditLimit: '', reason: '' }), optional: ['creditLimit', 'reason'] },
  'POST /api/admin/invoices/credit': { method: 'POST', kind: 'action', as: ACME_STAFF, body: () => ({ invoiceId: NOBODY, lines: '', amount: '10.00', reason: 'Billed twice by mistake', idempotencyKey: KEY, locale: 'en' }), optional: ['locale', 'lines', 'amount'] },
  'POST /api/admin/invoices/paid': { method: 'POST', kind: 'action', as: ACME_ADMIN, body: () => ({ invoiceId: NOBODY }) },
  'POST /api/admin/orders/cancel': { method: 'POST', kind: 'action', as: ACME_STAFF, body: () => ({ orderId: NOBODY, reason: 'Customer ordered the wrong product', locale: 'en' }), optional: ['locale'] },
  'POST /api/admin/pages': { method: 'POST', kind: 'settings', as: ACME_ADMIN, body: () => ({ slug: 'imprint', locale: 'en', title: 'Imprint', body: 'Acme Cloud Solutions Inc.', inHeader: 'off', inFooter: 'on' }) },
  'POST /api/admin/pages/delete': { method: 'POST', kind: 'action', as: ACME_ADMIN, body: () => ({ slug: 'nowhere', locale: 'en' }) },
  'POST /api/admin/pages/publish': { method: 'POST', kind: 'action', as: ACME_ADMIN, body: () => ({ slug: 'nowhere', locale: 'en' }) },
  'POST /api/admin/pricing': {
    method: 'POST', kind: 'settings', as: ACME_ADMIN,
    body: async (w) => {
      const [rule] = await w.db.select().from(markupRules).where(and(eq(markupRules.tenantId, w.tenants.acme.id), eq(markupRules.scope, 'all'), isNull(markupRules.currency)));
      const [offer] = await w.db.select().from(resellerOffers).where(eq(resellerOffers.tenantId, w.tenants.acme.id));
      return { scope: 'all', kind: 'percent', percent: basisPointsToPercent(rule!.basisPoints!), rounding: offer!.rounding };
    },
  },
  'POST /api/admin/resellers/create': { method: 'POST', kind: 'action', as: NORTHWIND_ADMIN, host: 'northwind', body: () => ({ name: 'Probe Reseller', country: 'DE', currency: 'EUR', admin: 'admin@probe-reseller.test' }) },
  'POST /api/admin/resellers/plan': { method: 'POST', kind: 'action', as: NORTHWIND_ADMIN, host: 'northwind', body: () => ({ organizationId: NOBODY, planId: 'none' }), optional: ['slug'] },
  'POST /api/admin/resellers/suspend': { method: 'POST', kind: 'action', as: NORTHWIND_ADMIN, host: 'northwind', body: () => ({ organizationId: NOBODY, suspended: 'true' }) },
  'POST /api/admin/resellers/update': {
    method: 'POST', kind: 'settings', as: NORTHWIND_ADMIN, host: 'northwind',
    body: async (w) => {
      const o = await org(w, 'northwind', 'Acme Cloud Solutions');
      return { organizationId: o.id, resellingEnabled: o.resellingEnabled ? 'on' : 'off', tier: o.partnerTierId ?? '' };
    },
  },
  'POST /api/admin/settings': {
    method: 'POST', kind: 'settings', as: ACME_ADMIN,
    body: async (w) => {
      const acme = await acmeRow(w);
      return {
        name: acme.name, contactEmail: acme.contactEmail ?? '', legalAddress: acme.legalAddress ?? '',
        locale_en: acme.locales.includes('en') ? 'on' : 'off', locale_de: acme.locales.includes('de') ? 'on' : 'off', locale_fr: acme.locales.includes('fr') ? 'on' : 'off',
        defaultLocale: acme.defaultLocale, currencies: acme.currencies.join(', '), defaultCurrency: acme.defaultCurrency,
        taxRates: formatTaxRates(acme.taxRates), onAccountDefault: acme.onAccountDefault ? 'on' : 'off', defaultCreditLimit: minorToDecimal(acme.defaultCreditLimit, acme.defaultCurrency),
      };
    },
  },
  'POST /api/admin/staff/invite': { method: 'POST', kind: 'action', as: ACME_ADMIN, body: () => ({ email: 'new.staff@acme.test', role: 'reseller_staff' }) },
  'POST /api/admin/staff/remove': { method: 'POST', kind: 'action', as: ACME_ADMIN, body: () => ({ membershipId: NOBODY }) },
  'POST /api/admin/settings/billing': {
    method: 'POST', kind: 'settings', as: ACME_ADMIN,
    body: async (w) => {
      const acme = await acmeRow(w);
      const bank = acme.bankDetails;
      return {
        country: acme.country ?? '', vatNumber: acme.vatNumber ?? '', accountHolder: bank?.accountHolder ?? '', iban: bank?.iban ?? '', bic: bank?.bic ?? '',
        accountNumber: bank?.accountNumber ?? '', bankCode: bank?.bankCode ?? '', bankName: bank?.bankName ?? '', provisionBeforePayment: acme.provisionBeforePayment ? 'on' : 'off',
      };
    },
  },
  // The reseller acting on a customer's subscription: the customer's inputs and a reason.
  'POST /api/admin/subscriptions/auto-renew': { method: 'POST', kind: 'action', as: ACME_STAFF, body: () => ({ subscriptionId: NOBODY, autoRenew: 'off', reason: 'Asked for by the customer on the phone', locale: 'en' }), optional: ['locale'] },
  'POST /api/admin/subscriptions/cancel': { method: 'POST', kind: 'action', as: ACME_STAFF, body: () => ({ subscriptionId: NOBODY, reason: 'Asked for by the customer on the phone', locale: 'en' }), optional: ['locale'] },
  'POST /api/admin/subscriptions/plan': { method: 'POST', kind: 'action', as: ACME_STAFF, body: () => ({ subscriptionId: NOBODY, planId: NOBODY, idempotencyKey: KEY, reason: 'Asked for by the customer on the phone', locale: 'en' }), optional: ['locale'] },
  'POST /api/admin/subscriptions/reactivate': { method: 'POST', kind: 'action', as: ACME_STAFF, body: () => ({ subscriptionId: NOBODY, reason: 'Asked for by the customer on the phone', locale: 'en' }), optional: ['locale'] },
  'POST /api/admin/subscriptions/resume': { method: 'POST', kind: 'action', as: ACME_STAFF, body: () => ({ subscriptionId: NOBODY, reason: 'Asked for by the customer on the phone', locale: 'en' }), optional: ['locale'] },
  'POST /api/admin/subscriptions/seats': { method: 'POST', kind: 'action', as: ACME_STAFF, body: () => ({ subscriptionId: NOBODY, seats: '3', idempotencyKey: KEY, reason: 'Asked for by the customer on the phone', locale: 'en' }), optional: ['locale'] },
  'POST /api/admin/subscriptions/suspend': { method: 'POST', kind: 'action', as: ACME_STAFF, body: () => ({ subscriptionId: NOBODY, reason: 'Asked for by the customer on the phone', locale: 'en' }), optional: ['locale'] },
  'POST /api/admin/subscriptions/withdraw': { method: 'POST', kind: 'action', as: ACME_STAFF, body: () => ({ subscriptionId: NOBODY, reason: 'Asked for by the customer on the phone', locale: 'en' }), optional: ['locale'] },
  'POST /api/admin/stripe/connect': { method: 'POST', kind: 'action', as: ACME_ADMIN, body: () => ({ settings: '/admin/settings' }), optional: ['settings'] },
  'POST /api/admin/tasks': { method: 'POST', kind: 'action', as: NORTHWIND_ADMIN, host: 'northwind', body: async (w) => ({ tenantId: w.tenants.acme.id, taskId: NOBODY, outcome: 'failed', externalId: '', note: '' }), optional: ['externalId', 'note'] },

  // The storefront.
  'POST /api/cart': { method: 'POST', kind: 'action', as: null, body: () => ({ planId: NOBODY, seats: '2' }) },
  'POST /api/cart/remove': { method: 'POST', kind: 'action', as: null, body: () => ({ planId: NOBODY }) },
  'POST /api/cart/update': { method: 'POST', kind: 'action', as: null, body: () => ({ planId: NOBODY, seats: '2' }) },
  'POST /api/checkout': { method: 'POST', kind: 'action', as: ANNA, body: async (w) => ({ organizationId: (await org(w, 'acme', 'Contoso Ltd')).id, paymentMethod: 'on_account', idempotencyKey: KEY, locale: 'en', purchaseOrder: '', currency: 'USD' }), optional: ['locale', 'purchaseOrder', 'currency'] },
  'GET /api/domains/check': { method: 'GET', kind: 'read', as: null, host: 'northwind', body: () => ({ domain: 'shop.acme.test' }) },
  'GET /api/health': { method: 'GET', kind: 'read', as: null, body: () => ({}) },
  'POST /api/internal/revalidate': { method: 'POST', kind: 'signed', as: null, body: () => ({ tags: ['t:x'] }) },
  'GET /api/search/suggest': { method: 'GET', kind: 'read', as: null, body: () => ({ q: 'micro' }), serverOnly: true },
  'POST /api/signin': { method: 'POST', kind: 'action', as: null, body: () => ({ email: 'someone@example.test', callbackUrl: '/account', locale: 'en' }), optional: ['callbackUrl', 'locale'] },
  'POST /api/signin/confirm': { method: 'POST', kind: 'action', as: null, body: () => ({ token: 'f'.repeat(64), email: 'someone@example.test', callbackUrl: '/account' }), optional: ['callbackUrl'] },
  'POST /api/signout': { method: 'POST', kind: 'action', as: ['acme', 'visitor@example.test'], body: () => ({}) },
  'GET /api/v1/markup-rules': { method: 'GET', kind: 'read', as: 'api-key', body: () => ({}) },
  'PUT /api/v1/markup-rules': {
    method: 'PUT', kind: 'settings', as: 'api-key',
    body: async (w) => {
      const [rule] = await w.db.select().from(markupRules).where(and(eq(markupRules.tenantId, w.tenants.acme.id), eq(markupRules.scope, 'all'), isNull(markupRules.currency)));
      return { scope: 'all', kind: 'percent', basisPoints: rule!.basisPoints! };
    },
  },
  'POST /api/webhooks/stripe': { method: 'POST', kind: 'signed', as: null, body: () => ({ id: 'evt_probe', object: 'event', type: 'checkout.session.completed' }) },
};

export const API_KEY = DEMO_ACME_API_KEY;

/** The route handlers on disk: `METHOD /api/…` for every method each route.ts exports. */
export async function routeHandlers(): Promise<{ key: string; path: string; method: string; handler: (request: Request) => Promise<Response> }[]> {
  const root = path.resolve('app/api');
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (name === 'route.ts') files.push(full);
    }
  };
  walk(root);
  const found = [];
  for (const file of files.sort()) {
    const routePath = `/api/${path.relative(root, path.dirname(file)).split(path.sep).join('/')}`;
    const exported = (await import(file)) as Record<string, unknown>;
    for (const method of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE']) {
      const handler = exported[method];
      if (typeof handler === 'function') found.push({ key: `${method} ${routePath}`, path: routePath, method, handler: handler as (request: Request) => Promise<Response> });
    }
  }
  return found;
}

// One session per person and world: a new one per request would itself be a stored change.
const cookies = new WeakMap<World, Map<string, Promise<string>>>();
function cookieOf(w: World, caller: NonNullable<Caller>): Promise<string> {
  const mine = cookies.get(w) ?? new Map<string, Promise<string>>();
  cookies.set(w, mine);
  const key = caller.join(' ');
  if (!mine.has(key)) mine.set(key, w.cookieFor(w.tenants[caller[0]], caller[1]));
  return mine.get(key)!;
}

/** Builds a request to a described route as the proxy hands it over: on the case's host, signed, with the caller's credentials. */
export async function requestFor(
  w: World,
  route: { path: string; method: string },
  routeCase: RouteCase,
  payload: { body?: BodyInit | null; contentType?: string | null; query?: Record<string, string>; headers?: Record<string, string> },
): Promise<Request> {
  const caller = routeCase.as;
  const tenant = w.tenants[routeCase.host ?? (caller && caller !== 'api-key' ? caller[0] : 'acme')];
  const origin = w.origin(tenant);
  const headers: Record<string, string> = { origin, [TENANT_HEADER]: tenant.id, [ORIGIN_HEADER]: origin, [SIGNATURE_HEADER]: sign(tenant.id, origin), ...payload.headers };
  if (payload.contentType) headers['content-type'] = payload.contentType;
  if (caller === 'api-key') headers.authorization = `Bearer ${API_KEY}`;
  else if (caller) headers.cookie = await cookieOf(w, caller);
  const url = new URL(`${origin}${route.path}`);
  for (const [k, v] of Object.entries(payload.query ?? {})) url.searchParams.set(k, v);
  const bodyless = route.method === 'GET' || route.method === 'HEAD';
  return new Request(url, { method: route.method, headers, ...(bodyless ? {} : { body: payload.body ?? null }) });
}

/** A JSON body for a described route (GET routes take the body as their query). */
export async function jsonRequest(w: World, route: { path: string; method: string }, routeCase: RouteCase, fields: Record<string, unknown>): Promise<Request> {
  if (route.method === 'GET') return requestFor(w, route, routeCase, { query: Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, String(v)])) });
  return requestFor(w, route, routeCase, { body: JSON.stringify(fields), contentType: 'application/json' });
}
