import { guardedRoute } from '@/lib/identity/guard';
import { portalHandlers, portalInputs } from '@/lib/subscriptions/routes';

export const dynamic = 'force-dynamic';

/** Suspends a customer's subscription (use and renewal stop, seats kept), with a reason. */
export const POST = guardedRoute({ permission: 'subscriptions:act', input: portalInputs.plain }, portalHandlers.suspend);
