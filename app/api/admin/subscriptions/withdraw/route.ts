import { guardedRoute } from '@/lib/identity/guard';
import { portalHandlers, portalInputs } from '@/lib/subscriptions/routes';

export const dynamic = 'force-dynamic';

/** Withdraws a change waiting for the renewal, with a reason. */
export const POST = guardedRoute({ permission: 'subscriptions:act', input: portalInputs.plain }, portalHandlers.withdraw);
