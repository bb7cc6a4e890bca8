import 'server-only';
import { and, eq } from 'drizzle-orm';
import { cookies, headers } from 'next/headers';
import { platformDomain, publicOrigin } from '../config/platform';
import { getDb } from '../db';
import type { Db } from '../db/client';
import { organizations } from '../db/schema';
import { withTenant } from '../db/tenant';
import { DomainError } from '../errors';
import type { Viewer } from '../identity/access';
import { sessionCookieName } from '../identity/cookies';
import { loadViewer } from '../identity/viewer';
import { loadPricingContext } from '../pricing/offer';
import { normaliseHost } from '../tenancy/host';
import type { Tenant } from '../tenancy/types';
import { cartCookieName, cartContents, CART_TOKEN, findCart } from './cart';
import { priceItems, taxOn, type PricedItem } from './pricing';

export interface CartLineView {
  planId: string;
  seats: number;
  item: PricedItem | null;
  /** Why the line cannot be bought as it is (no price in the currency, seats out of range…). */
  problem: string | null;
}

export interface CartView {
  viewer: Viewer | null;
  organization: typeof organizations.$inferSelect | null;
  currency: string;
  lines: CartLineView[];
  subtotal: number;
  taxBasisPoints: number | null;
  tax: number;
  /** Null when a line cannot be priced: such a cart cannot be checked out. */
  total: number | null;
}

/**
 * One transaction per personal page: the session, the person's organisation and cart, all priced
 * now by the price engine. The currency is the organisation's; before there is one, the visitor's
 * chosen storefront currency.
 */
export async function personalPage<T>(tenant: Tenant, load: (db: Db, viewer: Viewer | null) => Promise<T>): Promise<T> {
  const h = await headers();
  const jar = await cookies();
  if (h.has('x-middleware-subrequest')) return withTenant(await getDb(), tenant.id, (db) => load(db, null));
  const origin = publicOrigin(normaliseHost(h.get('host')) ?? platformDomain());
  const token = jar.get(sessionCookieName(origin))?.value ?? null;
  return withTenant(await getDb(), tenant.id, async (db) => load(db, await loadViewer(db, tenant.id, token)));
}

export async function loadCartView(tenant: Tenant): Promise<CartView> {
  const h = await headers();
  const jar = await cookies();
  const origin = publicOrigin(normaliseHost(h.get('host')) ?? platformDomain());
  const cartToken = jar.get(cartCookieName(origin))?.value ?? null;
  const chosen = jar.get('cf_currency')?.value;
  return personalPage(tenant, async (db, viewer) => {
    const membership = viewer?.memberships.find((m) => m.organizationId);
    const [organization] = membership
      ? await db.select().from(organizations).where(and(eq(organizations.tenantId, tenant.id), eq(organizations.id, membership.organizationId!)))
      : [];
    const currency = organization?.currency ?? (chosen && tenant.currencies.includes(chosen) ? chosen : tenant.defaultCurrency);
    // Reading merges an anonymous cart into the signed-in person's one; the page changes nothing else.
    const cartId = await findCart(db, tenant.id, { userId: viewer?.userId ?? null, token: cartToken && CART_TOKEN.test(cartToken) ? cartToken : null }, new Date());
    const items = cartId ? await cartContents(db, tenant.id, cartId) : [];
    const ctx = await loadPricingContext(db, tenant);
    let lines: CartLineView[] = [];
    try {
      // Usually every line prices: one round of queries for the whole cart.
      const priced = ctx && items.length ? await priceItems(db, ctx, items, currency, organization?.id ?? null) : [];
      if (ctx) lines = items.map((item, i) => ({ ...item, item: priced[i]!, problem: null }));
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
    }
    if (lines.length !== items.length) lines = [];
    for (const item of lines.length ? [] : items) {
      try {
        const [priced] = ctx ? await priceItems(db, ctx, [item], currency, organization?.id ?? null) : [];
        lines.push({ ...item, item: priced ?? null, problem: priced ? null : 'no_offer' });
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        lines.push({ ...item, item: null, problem: error.message });
      }
    }
    const subtotal = lines.reduce((sum, l) => sum + (l.item?.amount ?? 0), 0);
    const taxBasisPoints = organization ? (tenant.taxRates[organization.country] ?? 0) : null;
    const tax = taxBasisPoints === null ? 0 : taxOn(subtotal, taxBasisPoints);
    const total = lines.some((l) => !l.item) ? null : subtotal + tax;
    return { viewer, organization: organization ?? null, currency, lines, subtotal, taxBasisPoints, tax, total };
  });
}
