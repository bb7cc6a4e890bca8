import { guardedRoute } from '@/lib/identity/guard';
import { resolveTask, resolveTaskInput } from '@/lib/orders/tasks';

export const dynamic = 'force-dynamic';

/** The distributor completes (or fails) a manual provisioning task of one of its storefronts. */
export const POST = guardedRoute({ permission: 'tasks:resolve', input: resolveTaskInput }, async ({ db, tenant, input }) => {
  await resolveTask(db, tenant, input, new Date());
  return { notice: 'saved' };
});
