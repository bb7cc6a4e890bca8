import { z } from 'zod';
import { setDefaultTokens } from '@/lib/design/versions';
import { DomainError } from '@/lib/errors';
import { guardedRoute } from '@/lib/identity/guard';
import { tokenSchema, type TokenName } from '@/themes/tokens';

export const dynamic = 'force-dynamic';

const input = z.strictObject(
  Object.fromEntries(Object.keys(tokenSchema.shape).map((name) => [name, z.string().max(40).optional()])) as Record<TokenName, z.ZodOptional<z.ZodString>>,
);

/** The distributor's default tokens for every reseller storefront that does not override them. */
export const POST = guardedRoute({ permission: 'design:publish', input }, async ({ db, tenant, input }) => {
  if (tenant.kind !== 'distributor') throw new DomainError('not_found');
  const defaults = await setDefaultTokens(db, tenant, input);
  return { notice: 'saved', json: { defaults } };
});
