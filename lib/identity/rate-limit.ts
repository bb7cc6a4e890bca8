import { sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { rowsOf } from '../db/rows';

export interface RateLimitResult {
  allowed: boolean;
  count: number;
  retryAfterSeconds: number;
}

/**
 * Counts one hit for `key` on the tenant's storefront in a fixed window of `windowSeconds`, in the database so that every app
 * server shares the count. The hit that goes over `limit` is refused.
 */
export async function hitRateLimit(db: Db, tenantId: string, key: string, limit: number, windowSeconds: number, now: Date = new Date()): Promise<RateLimitResult> {
  // The clock is a parameter: tests move it, and Citus refuses now() in ON CONFLICT on sharded tables.
  const at = now.toISOString();
  const windowOpen = new Date(now.getTime() - windowSeconds * 1000).toISOString();
  const [row] = rowsOf<{ count: number; window_start: string | Date }>(await db.execute(sql`
    insert into rate_limits (tenant_id, key, window_start, count) values (${tenantId}, ${key}, ${at}, 1)
    on conflict (tenant_id, key) do update set
      count = case when rate_limits.window_start <= ${windowOpen} then 1 else rate_limits.count + 1 end,
      window_start = case when rate_limits.window_start <= ${windowOpen} then ${at} else rate_limits.window_start end
    returning count, window_start
  `));
  if (!row) throw new Error('rate limit: no row returned');
  const endsAt = new Date(row.window_start).getTime() + windowSeconds * 1000;
  return { allowed: Number(row.count) <= limit, count: Number(row.count), retryAfterSeconds: Math.max(1, Math.ceil((endsAt - now.getTime()) / 1000)) };
}
