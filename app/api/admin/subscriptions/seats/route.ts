import { guardedRoute } from '@/lib/identity/guard';
import { portalHandlers, portalInputs } from '@/lib/subscriptions/routes';

export const dynamic = 'force-dynamic';

/** Changes a customer's seats for it, with the customer's rules and a reason. */
export const POST = guardedRoute({ permission: 'subscriptions:act', input: portalInputs.seats }, portalHandlers.seats);
