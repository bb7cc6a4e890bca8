import { z } from 'zod';
import { guardedRoute } from '@/lib/identity/guard';
import { renameUser } from '@/lib/identity/organizations';

export const dynamic = 'force-dynamic';

export const POST = guardedRoute(
  { permission: 'account', input: z.object({ name: z.string().trim().min(1, 'cannot be empty').max(120) }) },
  async ({ db, tenant, viewer, input }) => {
    await renameUser(db, tenant.id, viewer.userId, input.name);
    return { notice: 'saved' };
  },
);
