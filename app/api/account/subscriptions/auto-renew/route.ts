import { guardedRoute } from '@/lib/identity/guard';
import { handlers, inputs } from '@/lib/subscriptions/routes';

export const dynamic = 'force-dynamic';

/** Switches a subscription's auto-renew on or off. */
export const POST = guardedRoute({ permission: 'account', input: inputs.autoRenew }, handlers.autoRenew);
