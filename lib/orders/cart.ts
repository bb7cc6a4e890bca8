import { createHash, randomBytes } from 'node:crypto';
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { cookieValue } from '../http/cookies';
import { cartItems, carts } from '../db/schema';

export const CART_COOKIE = 'cf_cart';
/** A cart cookie is a random token; only its hash is stored. */
export const CART_TOKEN = /^[A-Za-z0-9_-]{32,64}$/;

export function newCartToken(): string {
  return randomBytes(24).toString('base64url');
}

const hash = (token: string) => createHash('sha256').update(token).digest('hex');

export interface CartOwner {
  userId: string | null;
  token: string | null;
}

export interface CartItem {
  planId: string;
  seats: number;
}

/**
 * The visitor's cart, if it has one. A signed-in person has one cart per storefront; a cart they
 * filled before signing in is merged into it the first time it is seen (seats of the same plan are
 * added up) and the anonymous cart is gone.
 */
export async function findCart(db: Db, tenantId: string, owner: CartOwner, now: Date): Promise<string | null> {
  const byToken = owner.token && CART_TOKEN.test(owner.token)
    ? (await db.select({ id: carts.id, userId: carts.userId }).from(carts).where(and(eq(carts.tenantId, tenantId), eq(carts.tokenHash, hash(owner.token)))))[0]
    : undefined;
  if (!owner.userId) return byToken?.id ?? null;
  const [mine] = await db.select({ id: carts.id }).from(carts).where(and(eq(carts.tenantId, tenantId), eq(carts.userId, owner.userId)));
  if (byToken && byToken.id !== mine?.id) {
    if (!mine) {
      // The anonymous cart simply becomes the person's.
      await db.update(carts).set({ userId: owner.userId, tokenHash: null, updatedAt: now }).where(and(eq(carts.tenantId, tenantId), eq(carts.id, byToken.id)));
      return byToken.id;
    }
    const items = await db.select().from(cartItems).where(and(eq(cartItems.tenantId, tenantId), eq(cartItems.cartId, byToken.id)));
    for (const item of items) await addItem(db, tenantId, mine.id, item, now);
    await db.delete(carts).where(and(eq(carts.tenantId, tenantId), eq(carts.id, byToken.id)));
  }
  return mine?.id ?? null;
}

/** The visitor's cart, made on first use; returns a new cookie token when one was issued. */
export async function openCart(db: Db, tenantId: string, owner: CartOwner, now: Date): Promise<{ cartId: string; issuedToken: string | null }> {
  const existing = await findCart(db, tenantId, owner, now);
  if (existing) return { cartId: existing, issuedToken: null };
  if (owner.userId) {
    await db.insert(carts).values({ tenantId, userId: owner.userId, updatedAt: now }).onConflictDoNothing();
    const [row] = await db.select({ id: carts.id }).from(carts).where(and(eq(carts.tenantId, tenantId), eq(carts.userId, owner.userId)));
    return { cartId: row!.id, issuedToken: null };
  }
  const token = newCartToken();
  const [row] = await db.insert(carts).values({ tenantId, tokenHash: hash(token), updatedAt: now }).returning({ id: carts.id });
  return { cartId: row!.id, issuedToken: token };
}

/**
 * Adds seats of a plan (to those already in the cart), never beyond `maxSeats` when given: adding a
 * one-per-customer plan (a storefront) twice leaves one. Limits are checked by the caller's pricing.
 */
export async function addItem(db: Db, tenantId: string, cartId: string, item: CartItem, now: Date, maxSeats: number | null = null): Promise<void> {
  const added = maxSeats === null ? sql`${cartItems.seats} + excluded.seats` : sql`least(${cartItems.seats} + excluded.seats, ${maxSeats})`;
  await db
    .insert(cartItems)
    .values({ tenantId, cartId, planId: item.planId, seats: item.seats, addedAt: now })
    .onConflictDoUpdate({ target: [cartItems.tenantId, cartItems.cartId, cartItems.planId], set: { seats: added } });
  await db.update(carts).set({ updatedAt: now }).where(and(eq(carts.tenantId, tenantId), eq(carts.id, cartId)));
}

export async function setSeats(db: Db, tenantId: string, cartId: string, item: CartItem): Promise<boolean> {
  const rows = await db
    .update(cartItems)
    .set({ seats: item.seats })
    .where(and(eq(cartItems.tenantId, tenantId), eq(cartItems.cartId, cartId), eq(cartItems.planId, item.planId)))
    .returning({ planId: cartItems.planId });
  return rows.length > 0;
}

export async function removeItem(db: Db, tenantId: string, cartId: string, planId: string): Promise<void> {
  await db.delete(cartItems).where(and(eq(cartItems.tenantId, tenantId), eq(cartItems.cartId, cartId), eq(cartItems.planId, planId)));
}

export async function cartContents(db: Db, tenantId: string, cartId: string): Promise<CartItem[]> {
  return db
    .select({ planId: cartItems.planId, seats: cartItems.seats })
    .from(cartItems)
    .where(and(eq(cartItems.tenantId, tenantId), eq(cartItems.cartId, cartId)))
    .orderBy(asc(cartItems.addedAt), asc(cartItems.planId));
}

/** The visitor's cart (found as `findCart` does, merging) and what is in it; none is empty. */
export async function readCart(db: Db, tenantId: string, owner: CartOwner, now: Date): Promise<{ cartId: string | null; items: CartItem[] }> {
  const cartId = await findCart(db, tenantId, owner, now);
  return { cartId, items: cartId ? await cartContents(db, tenantId, cartId) : [] };
}

export async function emptyCart(db: Db, tenantId: string, cartId: string): Promise<void> {
  await db.delete(cartItems).where(and(eq(cartItems.tenantId, tenantId), eq(cartItems.cartId, cartId)));
}

/** `__Host-` under https, like the session cookie: no sibling storefront can read or plant it. */
export function cartCookieName(origin: string): string {
  return origin.startsWith('https:') ? `__Host-${CART_COOKIE}` : CART_COOKIE;
}

export function cartTokenFrom(cookieHeader: string | null, origin: string): string | null {
  const token = cookieValue(cookieHeader, cartCookieName(origin));
  return token && CART_TOKEN.test(token) ? token : null;
}

export function cartCookie(origin: string, token: string): string {
  const secure = origin.startsWith('https:') ? '; Secure' : '';
  return `${cartCookieName(origin)}=${token}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${60 * 60 * 24 * 30}${secure}`;
}
