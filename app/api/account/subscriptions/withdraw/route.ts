import { guardedRoute } from '@/lib/identity/guard';
import { handlers, inputs } from '@/lib/subscriptions/routes';

export const dynamic = 'force-dynamic';

/** Withdraws a seat decrease or downgrade waiting for the renewal date. */
export const POST = guardedRoute({ permission: 'account', input: inputs.plain }, handlers.withdraw);
