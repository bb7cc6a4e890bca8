import { guardedRoute } from '@/lib/identity/guard';
import { handlers, inputs } from '@/lib/subscriptions/routes';

export const dynamic = 'force-dynamic';

/** Moves a subscription to another plan of its product: a dearer one at once (prorated), a cheaper one at renewal. */
export const POST = guardedRoute({ permission: 'account', input: inputs.plan }, handlers.plan);
