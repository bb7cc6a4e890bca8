import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { orderEvents, orders, type OrderRow, type OrderState } from '../db/schema';
import { DomainError } from '../errors';

/**
 * The order lifecycle. Card orders wait for their payment; orders on account go straight to
 * provisioning (the customer is invoiced later). Completed, failed and cancelled are final.
 */
const TRANSITIONS: Record<OrderState, OrderState[]> = {
  placed: ['awaiting_payment', 'provisioning', 'cancelled'],
  awaiting_payment: ['paid', 'cancelled', 'failed'],
  paid: ['provisioning', 'cancelled'],
  // Cancelled by the storefront's staff while nothing of it is set up (lib/orders/cancel.ts).
  provisioning: ['completed', 'failed', 'cancelled'],
  completed: [],
  failed: [],
  cancelled: [],
};

export function canTransition(from: OrderState, to: OrderState): boolean {
  return TRANSITIONS[from].includes(to);
}

/**
 * Moves an order to `to`, recording when and why. The caller holds the order row (read with
 * `lockOrder`), so two racing callers cannot both make the same move. An illegal move is refused.
 */
export async function transition(db: Db, order: Pick<OrderRow, 'tenantId' | 'id' | 'state'>, to: OrderState, cause: string, now: Date): Promise<void> {
  if (!canTransition(order.state, to)) {
    throw new DomainError('illegal_transition', `An order cannot go from ${order.state} to ${to}.`);
  }
  await db
    .update(orders)
    .set({ state: to, updatedAt: now, ...(to === 'paid' ? { paidAt: now } : {}) })
    .where(and(eq(orders.tenantId, order.tenantId), eq(orders.id, order.id)));
  await db.insert(orderEvents).values({ tenantId: order.tenantId, orderId: order.id, fromState: order.state, toState: to, cause, at: now });
  order.state = to;
}

/** Reads an order and locks its row until the transaction ends: state changes happen one at a time. */
export async function lockOrder(db: Db, tenantId: string, orderId: string): Promise<OrderRow | null> {
  const [row] = await db
    .select()
    .from(orders)
    .where(and(eq(orders.tenantId, tenantId), eq(orders.id, orderId)))
    .for('update');
  return row ?? null;
}
