import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db/client';
import { actForTenant } from '../db/tenant';
import { orderLines, orders, provisioningTasks, tenants } from '../db/schema';
import { DomainError } from '../errors';
import type { Tenant } from '../tenancy/types';
import { completeLine, failLine } from './provision';

export const resolveTaskInput = z.object({
  tenantId: z.uuid(),
  taskId: z.uuid(),
  outcome: z.enum(['done', 'failed']),
  externalId: z.string().trim().max(200).optional().default(''),
  note: z.string().trim().max(500).optional().default(''),
});

/**
 * The distributor finishes a manual provisioning task of one of its storefronts: done (with the
 * vendor's subscription id) creates the subscription; failed fails the line and tells the reseller.
 * The work happens in that storefront's own transaction, once (an already resolved task is refused).
 */
export async function resolveTask(tx: Db, distributor: Tenant, input: z.output<typeof resolveTaskInput>, now: Date): Promise<void> {
  const [store] = await tx.select({ id: tenants.id, parentId: tenants.parentId }).from(tenants).where(eq(tenants.id, input.tenantId));
  if (!store || (store.id !== distributor.id && store.parentId !== distributor.id)) throw new DomainError('not_found');
  if (input.outcome === 'done' && !input.externalId) {
    throw new DomainError('invalid_input', 'Enter the vendor reference (the vendor’s id of what was set up) to complete the task.', { fields: ['externalId: required to complete the task'] });
  }
  await actForTenant(tx, input.tenantId);
  {
    const [task] = await tx
      .select()
      .from(provisioningTasks)
      .where(and(eq(provisioningTasks.tenantId, input.tenantId), eq(provisioningTasks.id, input.taskId)))
      .for('update');
    if (!task) throw new DomainError('not_found');
    if (task.state !== 'open') throw new DomainError('task_resolved');
    await tx
      .update(provisioningTasks)
      .set({ state: input.outcome, externalId: input.externalId || null, note: input.note || null, resolvedAt: now })
      .where(and(eq(provisioningTasks.tenantId, task.tenantId), eq(provisioningTasks.id, task.id)));
    const [row] = await tx
      .select({ line: orderLines, order: orders })
      .from(orderLines)
      .innerJoin(orders, and(eq(orders.tenantId, orderLines.tenantId), eq(orders.id, orderLines.orderId)))
      .where(and(eq(orderLines.tenantId, task.tenantId), eq(orderLines.id, task.lineId)));
    if (!row) throw new DomainError('not_found');
    if (input.outcome === 'done') await completeLine(tx, row.line, row.order, input.externalId, now);
    else await failLine(tx, { tenantId: task.tenantId, orderId: task.orderId, lineId: task.lineId }, input.note || 'the distributor could not provision it', now);
  }
}
