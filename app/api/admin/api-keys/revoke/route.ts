import { z } from 'zod';
import { revokeApiKey } from '@/lib/api/keys';
import { DomainError } from '@/lib/errors';
import { guardedRoute } from '@/lib/identity/guard';

export const dynamic = 'force-dynamic';

const input = z.object({ keyId: z.uuid() });

/** Revokes one of the storefront's API keys (allowed on any plan: a leaked key must be stoppable). */
export const POST = guardedRoute({ permission: 'commerce:manage', input }, async ({ db, tenant, input }) => {
  if (!(await revokeApiKey(db, tenant.id, input.keyId))) throw new DomainError('not_found');
  return { notice: 'removed' };
});
