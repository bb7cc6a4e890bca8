import { guardedRoute } from '@/lib/identity/guard';
import { portalHandlers, portalInputs } from '@/lib/subscriptions/routes';

export const dynamic = 'force-dynamic';

/** Turns a customer's auto-renewal on or off for it, with a reason. */
export const POST = guardedRoute({ permission: 'subscriptions:act', input: portalInputs.autoRenew }, portalHandlers.autoRenew);
