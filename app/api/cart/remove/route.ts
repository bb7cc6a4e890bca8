import { z } from 'zod';
import { guardedRoute } from '@/lib/identity/guard';
import { removeFromCart } from '@/lib/orders/routes';

export const dynamic = 'force-dynamic';

export const POST = guardedRoute({ permission: null, input: z.object({ planId: z.uuid() }) }, (ctx) => removeFromCart(ctx, new Date()));
