import 'server-only';
import { and, eq } from 'drizzle-orm';
import { cookies } from 'next/headers';
import { organizations } from '../db/schema';
import { DomainError } from '../errors';
import type { Viewer } from '../identity/access';
import { pageOrigin, personalPage } from '../identity/page-viewer';
import { creditAvailable } from '../payments';
import type { PricingContext } from '../pricing/offer';
import type { Tenant } from '../tenancy/types';
import { cartCookieName, CART_TOKEN, readCart, type CartItem } from './cart';
import { loadContracts, priceWith, type ContractPrice, type PlanRow, type PricedItem } from './pricing';
import { taxOn } from '../money';
import { organizationTax } from '../pricing/tax';
import { CURRENCY_COOKIE, shownCurrency } from '../pricing/currency';
import { planRowsOf, pricingContextOf } from './pricing-inputs';

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
  /** EU B2B across a border: no VAT, the buyer accounts for it (lib/pricing/tax.ts). */
  reverseCharge: boolean;
  tax: number;
  /** Null when a line cannot be priced: such a cart cannot be checked out. */
  total: number | null;
  /** What the organisation may still buy on account (asked for by the checkout page only). */
  credit: number | null;
}

/**
 * The cart as its page shows it, read in the page's one transaction: priced now by the price
 * engine in the currency shown (lib/pricing/currency.ts: the visitor's choice, else its organisation's).
 */
export async function loadCartView(tenant: Tenant, options: { credit?: boolean } = {}): Promise<CartView> {
  const jar = await cookies();
  const cartToken = jar.get(cartCookieName(await pageOrigin()))?.value ?? null;
  const chosen = jar.get(CURRENCY_COOKIE)?.value;
  return personalPage(tenant, async (db, viewer) => {
    const membership = viewer?.memberships.find((m) => m.organizationId);
    const owner = { userId: viewer?.userId ?? null, token: cartToken && CART_TOKEN.test(cartToken) ? cartToken : null };
    // The organisation, the cart and the storefront's pricing are read together (one round trip
    // each, not one after the other). Reading merges an anonymous cart into the signed-in
    // person's one; the page changes nothing else.
    const [[organization], { items }, ctx, contracts] = await Promise.all([
      membership
        ? db.select().from(organizations).where(and(eq(organizations.tenantId, tenant.id), eq(organizations.id, membership.organizationId!))).execute()
        : [],
      readCart(db, tenant.id, owner, new Date()),
      pricingContextOf(db, tenant),
      loadContracts(db, tenant.id, membership?.organizationId ?? null),
    ]);
    const currency = shownCurrency(tenant, chosen, organization?.currency);
    const lines = ctx
      ? priceLines(ctx, items, currency, await planRowsOf(db, ctx, [...new Set(items.map((i) => i.planId))], currency), contracts)
      : items.map((item) => ({ ...item, item: null, problem: 'This storefront has no offer yet.' }));
    const subtotal = lines.reduce((sum, l) => sum + (l.item?.amount ?? 0), 0);
    const rule = organization ? organizationTax(tenant, organization) : null;
    const taxBasisPoints = rule?.basisPoints ?? null;
    const reverseCharge = rule?.reverseCharge ?? false;
    const tax = taxBasisPoints === null ? 0 : taxOn(subtotal, taxBasisPoints);
    const total = lines.some((l) => !l.item) ? null : subtotal + tax;
    const credit = options.credit && organization?.onAccount ? await creditAvailable(db, organization) : null;
    return { viewer, organization: organization ?? null, currency, lines, subtotal, taxBasisPoints, reverseCharge, tax, total, credit };
  });
}

/**
 * Prices the whole cart at once; only when a line cannot be priced (no price in the currency, a
 * plan no longer sold…) are the lines priced one by one to say which and why.
 */
function priceLines(ctx: PricingContext, items: CartItem[], currency: string, rows: PlanRow[], contracts: ContractPrice[]): CartLineView[] {
  try {
    const priced = priceWith(ctx, items, currency, rows, contracts);
    return items.map((item, i) => ({ ...item, item: priced[i]!, problem: null }));
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
  }
  return items.map((item) => {
    try {
      return { ...item, item: priceWith(ctx, [item], currency, rows, contracts)[0]!, problem: null };
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      return { ...item, item: null, problem: error.message };
    }
  });
}
