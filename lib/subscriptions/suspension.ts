import { DomainError } from '../errors';
import { changeState, loadForChange, recordChange, updateSubscription, type ActionContext, type ActionResult } from './commands';
import { syncVendor } from './history';
import { reactivateRefusal, suspendRefusal } from './policy';

/**
 * Suspends: use and renewal stop (the renewal run passes a suspended subscription by), the
 * vendor is told, seats and their assignments are kept for the reactivation. The storefront's
 * staff do it from the portal (with its reason), never the customer; so does reactivating.
 */
export async function suspendSubscription(ctx: ActionContext, input: { subscriptionId: string }): Promise<ActionResult> {
  if (ctx.reason === undefined) throw new DomainError('forbidden');
  const l = await loadForChange(ctx, input.subscriptionId);
  const refusal = suspendRefusal(changeState(l));
  if (refusal) throw refusal;
  await updateSubscription(ctx.db, l.sub, { status: 'suspended' }, ctx.now);
  const eventId = await recordChange(ctx, l.sub, { kind: 'suspended' });
  await syncVendor(ctx.db, l.sub, 'suspend', eventId);
  return { notice: 'suspended' };
}

/** Lifts a suspension. A period that ended meanwhile is renewed by the next renewal run from its end. */
export async function reactivateSubscription(ctx: ActionContext, input: { subscriptionId: string }): Promise<ActionResult> {
  if (ctx.reason === undefined) throw new DomainError('forbidden');
  const l = await loadForChange(ctx, input.subscriptionId);
  const refusal = reactivateRefusal(changeState(l));
  if (refusal) throw refusal;
  await updateSubscription(ctx.db, l.sub, { status: 'active', renewalFailures: 0, renewalRetryAt: null }, ctx.now);
  const eventId = await recordChange(ctx, l.sub, { kind: 'reactivated' });
  await syncVendor(ctx.db, l.sub, 'reactivate', eventId);
  return { notice: 'reactivated' };
}
