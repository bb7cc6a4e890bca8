import { guardedRoute } from '@/lib/identity/guard';
import { handlers, inputs } from '@/lib/subscriptions/routes';

export const dynamic = 'force-dynamic';

/** Cancels a subscription: at once with a credit inside the cancellation window, otherwise at the end of its period. */
export const POST = guardedRoute({ permission: 'account', input: inputs.plain }, handlers.cancel);
