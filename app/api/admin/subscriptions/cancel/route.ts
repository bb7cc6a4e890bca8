import { guardedRoute } from '@/lib/identity/guard';
import { portalHandlers, portalInputs } from '@/lib/subscriptions/routes';

export const dynamic = 'force-dynamic';

/** Cancels a customer's subscription for it, with a reason (at once inside the window, else at the period's end). */
export const POST = guardedRoute({ permission: 'subscriptions:act', input: portalInputs.plain }, portalHandlers.cancel);
