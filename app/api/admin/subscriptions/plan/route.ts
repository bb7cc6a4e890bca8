import { guardedRoute } from '@/lib/identity/guard';
import { portalHandlers, portalInputs } from '@/lib/subscriptions/routes';

export const dynamic = 'force-dynamic';

/** Moves a customer's subscription to another plan for it, with a reason. */
export const POST = guardedRoute({ permission: 'subscriptions:act', input: portalInputs.plan }, portalHandlers.plan);
