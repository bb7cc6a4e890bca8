import { guardedRoute } from '@/lib/identity/guard';
import { handlers, inputs } from '@/lib/subscriptions/routes';

export const dynamic = 'force-dynamic';

/** Withdraws a cancellation waiting for the end of the period. */
export const POST = guardedRoute({ permission: 'account', input: inputs.plain }, handlers.resume);
