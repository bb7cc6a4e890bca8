import { guardedRoute } from '@/lib/identity/guard';
import { addToCart, cartItemInput } from '@/lib/orders/routes';

export const dynamic = 'force-dynamic';

/** "Add to cart": a plan and seats, from the product page's plain form (or JSON). Anyone may. */
export const POST = guardedRoute({ permission: null, input: cartItemInput }, (ctx) => addToCart(ctx, new Date()));
