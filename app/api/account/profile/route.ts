import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { users } from '@/lib/db/schema';
import { afterCommit } from '@/lib/db/tenant';
import { guardedRoute } from '@/lib/identity/guard';
import { forgetViewers } from '@/lib/identity/viewer';

export const dynamic = 'force-dynamic';

export const POST = guardedRoute(
  { permission: 'account', input: z.object({ name: z.string().trim().min(1, 'cannot be empty').max(120) }) },
  async ({ db, tenant, viewer, input }) => {
    await db.update(users).set({ name: input.name }).where(and(eq(users.tenantId, tenant.id), eq(users.id, viewer!.userId)));
    await afterCommit(db, async () => forgetViewers(tenant.id));
    return { notice: 'saved' };
  },
);
