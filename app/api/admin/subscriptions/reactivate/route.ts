import { guardedRoute } from '@/lib/identity/guard';
import { portalHandlers, portalInputs } from '@/lib/subscriptions/routes';

export const dynamic = 'force-dynamic';

/** Lifts a suspension, with a reason. */
export const POST = guardedRoute({ permission: 'subscriptions:act', input: portalInputs.plain }, portalHandlers.reactivate);
