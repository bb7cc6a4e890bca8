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
export async function hitRateLimit(db: Db, tenantId: string, key: string, limit: number, windowSeconds: number): Promise<RateLimitResult> {
  const [row] = rowsOf<{ count: number; retry_after: number }>(await db.execute(sql`
    insert into rate_limits (tenant_id, key, window_start, count) values (${tenantId}, ${key}, now(), 1)
    on conflict (tenant_id, key) do update set
      count = case when rate_limits.window_start <= now() - make_interval(secs => ${windowSeconds}) then 1 else rate_limits.count + 1 end,
      window_start = case when rate_limits.window_start <= now() - make_interval(secs => ${windowSeconds}) then now() else rate_limits.window_start end
    returning count, greatest(1, ceil(extract(epoch from (window_start + make_interval(secs => ${windowSeconds}) - now()))))::int as retry_after
  `));
  if (!row) throw new Error('rate limit: no row returned');
  return { allowed: row.count <= limit, count: Number(row.count), retryAfterSeconds: Number(row.retry_after) };
}
