import { guardedRoute } from '@/lib/identity/guard';
import { handlers, inputs } from '@/lib/subscriptions/routes';

export const dynamic = 'force-dynamic';

/** Changes a subscription's seats: more at once (an order for the prorated rest of the period), fewer at once inside the cancellation window (a credit note) or at renewal. */
export const POST = guardedRoute({ permission: 'account', input: inputs.seats }, handlers.seats);
