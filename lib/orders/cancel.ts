import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db/client';
import { orderLines, provisioningTasks, type OrderLineRow, type OrderRow, type ProvisioningTaskRow } from '../db/schema';
import { DomainError } from '../errors';
import { creditFailedLine } from '../invoices/orders';
import type { Tenant } from '../tenancy/types';
import { enqueue } from '../jobs';
import { lockOrder, transition } from './state';

export const cancelOrderInput = z.object({
  orderId: z.uuid({ error: 'choose an order' }),
  reason: z.string({ error: 'give a reason' }).trim().min(3, 'give a reason of at least 3 characters').max(500, 'keep the reason under 500 characters'),
  locale: z.string().regex(/^[a-z]{2}$/).default('en'),
});

type Refusal = { code: 'illegal_transition' | 'order_provisioned' | 'payment_page_open'; message: string };

/**
 * Why the storefront's staff cannot cancel this order, or null when they can: nothing of it is
 * set up at the vendor, nor being set up by a call still running (a line waiting on a manual task
 * is not). A card payment page still open could take the money after the order is gone: the
 * order waits for it to lapse (within a day), which cancels it.
 */
export function cancelRefusal(order: Pick<OrderRow, 'state' | 'paymentMethod'>, lines: Pick<OrderLineRow, 'id' | 'state'>[], openTasks: Pick<ProvisioningTaskRow, 'lineId'>[]): Refusal | null {
  if (order.state === 'cancelled' || order.state === 'completed' || order.state === 'failed') return { code: 'illegal_transition', message: 'This order is finished: it can no longer be cancelled.' };
  if (order.state === 'awaiting_payment' && order.paymentMethod === 'card') return { code: 'payment_page_open', message: 'The customer’s card payment page is still open; when it lapses unpaid (within a day) the order is cancelled.' };
  const waiting = (l: Pick<OrderLineRow, 'id' | 'state'>) => l.state === 'pending' || l.state === 'failed' || (l.state === 'provisioning' && openTasks.some((t) => t.lineId === l.id));
  if (!lines.every(waiting)) return { code: 'order_provisioned', message: 'Part of this order is set up, or being set up, at the vendor: change or cancel its subscriptions instead.' };
  return null;
}

/**
 * Cancels an order nothing of which is set up, with the reason in its history: every line still
 * waiting is failed and credited as a failed line is (back to the card that paid, off what is due
 * on the order's invoice, or the customer's credit), its open manual tasks are closed, and jobs
 * still queued for it find it cancelled and do nothing.
 */
export async function cancelOrder(db: Db, tenant: Tenant, actor: string, input: z.output<typeof cancelOrderInput>, now: Date): Promise<OrderRow> {
  const order = await lockOrder(db, tenant.id, input.orderId);
  if (!order) throw new DomainError('not_found');
  const [lines, tasks] = await Promise.all([
    db.select().from(orderLines).where(and(eq(orderLines.tenantId, tenant.id), eq(orderLines.orderId, order.id))),
    db.select().from(provisioningTasks).where(and(eq(provisioningTasks.tenantId, tenant.id), eq(provisioningTasks.orderId, order.id), eq(provisioningTasks.state, 'open'))),
  ]);
  const refused = cancelRefusal(order, lines, tasks);
  if (refused) throw new DomainError(refused.code, refused.message);
  const why = `cancelled by ${actor}: ${input.reason}`;
  for (const line of lines.filter((l) => l.state !== 'failed')) {
    await db.update(orderLines).set({ state: 'failed', failure: why.slice(0, 500) }).where(and(eq(orderLines.tenantId, tenant.id), eq(orderLines.id, line.id)));
    await creditFailedLine(db, tenant, order.id, line.id, now);
  }
  if (tasks.length) {
    await db.update(provisioningTasks).set({ state: 'failed', note: why.slice(0, 500), resolvedAt: now }).where(and(eq(provisioningTasks.tenantId, tenant.id), eq(provisioningTasks.orderId, order.id), eq(provisioningTasks.state, 'open')));
  }
  await transition(db, order, 'cancelled', why, now);
  await enqueue(db, 'order-mail', { tenantId: tenant.id, orderId: order.id, kind: 'cancelled' }, { singletonKey: `cancelled:${order.id}` });
  return order;
}
