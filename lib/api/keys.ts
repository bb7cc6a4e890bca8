import { createHash, randomBytes } from 'node:crypto';
import { and, desc, eq, isNull } from 'drizzle-orm';
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

/** The tenant's keys, newest first (only their prefix: the token itself is never stored). */
export async function listApiKeys(db: Db, tenantId: string) {
  return db
    .select({ id: apiKeys.id, name: apiKeys.name, prefix: apiKeys.prefix, createdAt: apiKeys.createdAt, revokedAt: apiKeys.revokedAt })
    .from(apiKeys)
    .where(eq(apiKeys.tenantId, tenantId))
    .orderBy(desc(apiKeys.createdAt))
    .limit(100);
}

/** Revokes a key of the tenant at once; a key of another tenant is not found. */
export async function revokeApiKey(db: Db, tenantId: string, keyId: string): Promise<boolean> {
  const rows = await db
    .update(apiKeys)
    .set({ revokedAt: new Date() })
    .where(and(eq(apiKeys.tenantId, tenantId), eq(apiKeys.id, keyId), isNull(apiKeys.revokedAt)))
    .returning({ id: apiKeys.id });
  return rows.length > 0;
}
