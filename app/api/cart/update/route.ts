import { guardedRoute } from '@/lib/identity/guard';
import { cartItemInput, updateCart } from '@/lib/orders/routes';

export const dynamic = 'force-dynamic';

/** Changes the seats of a plan in the visitor's cart (within the plan's limits). */
export const POST = guardedRoute({ permission: null, input: cartItemInput }, (ctx) => updateCart(ctx, new Date()));
