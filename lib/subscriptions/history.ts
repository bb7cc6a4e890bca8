import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { enqueue } from '../jobs';
import { subscriptionEvents, subscriptions, type SubscriptionRow } from '../db/schema';

export type SubscriptionEventKind =
  | 'purchased'
  | 'seats_increase_ordered'
  | 'seats_increased'
  | 'seats_decreased'
  | 'decrease_scheduled'
  | 'upgrade_ordered'
  | 'plan_upgraded'
  | 'plan_changed'
  | 'downgrade_scheduled'
  | 'schedule_withdrawn'
  | 'cancelled'
  | 'cancel_scheduled'
  | 'cancel_withdrawn'
  | 'auto_renew_on'
  | 'auto_renew_off'
  | 'renewed'
  | 'ended'
  | 'payment_failed'
  | 'suspended'
  | 'reactivated'
  | 'seat_assigned'
  | 'seat_unassigned';

export type NewEvent = Omit<typeof subscriptionEvents.$inferInsert, 'kind'> & { kind: SubscriptionEventKind };

export async function recordEvent(tx: Db, event: NewEvent): Promise<string> {
  const [row] = await tx.insert(subscriptionEvents).values(event).returning({ id: subscriptionEvents.id });
  return row!.id;
}

/**
 * Reads a subscription and locks its row until the transaction ends: every change of one
 * subscription (the customer's, the renewal job's, provisioning's) happens one at a time.
 */
export async function lockSubscription(tx: Db, tenantId: string, id: string): Promise<SubscriptionRow | null> {
  const [row] = await tx
    .select()
    .from(subscriptions)
    .where(and(eq(subscriptions.tenantId, tenantId), eq(subscriptions.id, id)))
    .for('update');
  return row ?? null;
}

/** The connector is told of a change outside the request (a job, retried), like provisioning. */
export async function syncVendor(db: Db, sub: Pick<SubscriptionRow, 'tenantId' | 'id'>, action: 'seats' | 'plan' | 'cancel' | 'suspend' | 'reactivate', requestKey: string): Promise<void> {
  await enqueue(db, 'subscription-sync', { tenantId: sub.tenantId, subscriptionId: sub.id, action, requestKey }, { singletonKey: `sync:${requestKey}` });
}

/** `onBehalf`: the storefront's staff made the change for the customer, who is told of it whatever it was. */
export async function mailAbout(db: Db, sub: Pick<SubscriptionRow, 'tenantId' | 'id'>, eventId: string, onBehalf = false): Promise<void> {
  await enqueue(db, 'subscription-mail', { tenantId: sub.tenantId, subscriptionId: sub.id, eventId, ...(onBehalf ? { onBehalf } : {}) }, { singletonKey: `event:${eventId}` });
}
