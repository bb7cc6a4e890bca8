import 'server-only';
import { z } from 'zod';
import { wholeNumber } from '../input/fields';
import type { Db } from '../db/client';
import { DomainError } from '../errors';
import type { GuardContext } from '../identity/guard';
import { loadPricingContext } from '../pricing/offer';
import { addItem, cartCookie, cartTokenFrom, findCart, openCart, removeItem, setSeats } from './cart';
import { priceItems } from './pricing';

export const cartItemInput = z.object({
  planId: z.uuid({ error: 'choose a plan' }),
  seats: wholeNumber({ min: 1, max: 1_000_000, what: 'the seats' }),
});

/** The cart's owner for this request: the signed-in person, else the cookie's anonymous cart. */
export function ownerOf(ctx: GuardContext<unknown>) {
  return { userId: ctx.viewer?.userId ?? null, token: cartTokenFrom(ctx.request.headers.get('cookie'), ctx.origin) };
}

/** A plan the storefront does not sell, or seats outside its limits, never reach the cart. */
/** Refuses a plan the storefront does not sell or seats outside its limits; returns its most seats. */
export async function assertSellable(db: Db, ctx: GuardContext<unknown>, item: { planId: string; seats: number }): Promise<number | null> {
  const pricing = await loadPricingContext(db, ctx.tenant);
  if (!pricing) throw new DomainError('no_offer');
  const priced = await priceItems(db, pricing, [item], ctx.tenant.defaultCurrency, null).catch((error: unknown) => {
    // Seats and existence are what matter here; a missing price in one currency shows on the cart.
    if (error instanceof DomainError && error.code === 'no_price') return null;
    throw error;
  });
  return priced?.[0]?.maxSeats ?? null;
}

export async function addToCart(ctx: GuardContext<z.output<typeof cartItemInput>>, now: Date): Promise<Response> {
  const { db, tenant, input } = ctx;
  const maxSeats = await assertSellable(db, ctx, input);
  const { cartId, issuedToken } = await openCart(db, tenant.id, ownerOf(ctx), now);
  await addItem(db, tenant.id, cartId, input, now, maxSeats);
  const headers = new Headers({ 'cache-control': 'no-store' });
  // The cart cookie is only set when a cart was made for an anonymous visitor.
  if (issuedToken) headers.append('set-cookie', cartCookie(ctx.origin, issuedToken));
  if (!(ctx.request.headers.get('content-type') ?? '').includes('form')) return Response.json({ ok: true }, { headers });
  const localePrefix = /^\/[a-z]{2}(?=\/|$)/.exec(ctx.returnTo)?.[0] ?? '';
  headers.set('location', `${localePrefix}/cart?notice=added`);
  return new Response(null, { status: 303, headers });
}

export async function updateCart(ctx: GuardContext<z.output<typeof cartItemInput>>, now: Date): Promise<{ notice: string }> {
  const { db, tenant, input } = ctx;
  const cartId = await findCart(db, tenant.id, ownerOf(ctx), now);
  if (!cartId) throw new DomainError('not_found');
  await assertSellable(db, ctx, input);
  if (!(await setSeats(db, tenant.id, cartId, input))) throw new DomainError('not_found');
  return { notice: 'saved' };
}

export async function removeFromCart(ctx: GuardContext<{ planId: string }>, now: Date): Promise<{ notice: string }> {
  const cartId = await findCart(ctx.db, ctx.tenant.id, ownerOf(ctx), now);
  if (cartId) await removeItem(ctx.db, ctx.tenant.id, cartId, ctx.input.planId);
  return { notice: 'removed' };
}
