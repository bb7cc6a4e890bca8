import { createHash, randomBytes } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../db/client';
import { apiKeys } from '../db/schema';

const hash = (token: string) => createHash('sha256').update(token).digest('hex');

/** A new key for the tenant. The returned token is the only copy: store it where it is needed. */
export async function createApiKey(db: Db, tenantId: string, name: string, token = `cf_${randomBytes(24).toString('base64url')}`) {
  await db.insert(apiKeys).values({ tenantId, name, prefix: token.slice(0, 10), tokenHash: hash(token) }).onConflictDoNothing();
  return { token };
}

/** The key's id when the token is a live key of this tenant; a key of another tenant is not found. */
export async function verifyApiKey(db: Db, tenantId: string, token: string): Promise<string | null> {
  const [row] = await db
    .select({ id: apiKeys.id })
    .from(apiKeys)
    .where(and(eq(apiKeys.tokenHash, hash(token)), eq(apiKeys.tenantId, tenantId), isNull(apiKeys.revokedAt)));
  return row?.id ?? null;
}
