import { guardedRoute } from '@/lib/identity/guard';
import { handlers, inputs } from '@/lib/subscriptions/routes';

export const dynamic = 'force-dynamic';

/** Takes a seat back from a person of the organisation (customer admins only). */
export const POST = guardedRoute({ permission: 'account', input: inputs.assignment }, handlers.unassign);
