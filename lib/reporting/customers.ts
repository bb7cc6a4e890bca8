import { and, asc, eq, gt, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db/client';
import { organizations, subscriptions } from '../db/schema';
import { openBalances } from '../payments';
import { minorToDecimal } from '../money';
import { optional, parseFilters } from '../input/filters';

/** The filters of the portal's customer list and its CSV: a search and whether they buy on account. */
export const customerFilter = z.object({
  q: optional(z.string().trim().max(100, 'must be at most 100 characters')),
  onAccount: optional(z.enum(['yes', 'no'], { error: 'must be yes or no' })),
});
export type CustomerFilter = z.output<typeof customerFilter>;

export function parseCustomerFilter(search: Record<string, string | string[] | undefined>) {
  return parseFilters(customerFilter, ['q', 'onAccount'], search);
}

/** `%` and `_` are what a person types, not patterns. */
const like = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

function conditions(tenantId: string, f: CustomerFilter): SQL {
  return and(
    eq(organizations.tenantId, tenantId),
    f.q ? or(ilike(organizations.name, like(f.q)), ilike(organizations.billingEmail, like(f.q))) : undefined,
    f.onAccount ? eq(organizations.onAccount, f.onAccount === 'yes') : undefined,
  )!;
}

const LIST = {
  id: organizations.id,
  name: organizations.name,
  country: organizations.country,
  currency: organizations.currency,
  billingEmail: organizations.billingEmail,
  onAccount: organizations.onAccount,
  creditLimit: organizations.creditLimit,
  createdAt: organizations.createdAt,
};

type Org = typeof organizations.$inferSelect;
export type CustomerRow = Pick<Org, 'id' | 'name' | 'country' | 'currency' | 'billingEmail' | 'onAccount' | 'creditLimit' | 'createdAt'> & { subscriptions: number; balance: number };

/**
 * The page's figures per organisation, read apart from its rows. (A count inlined as a subquery
 * named the outer table's columns without their table, so `organization_id = id` compared a
 * subscription with itself and every customer showed 0 subscriptions.)
 */
async function withFigures(db: Db, tenantId: string, rows: Omit<CustomerRow, 'balance' | 'subscriptions'>[]): Promise<CustomerRow[]> {
  const ids = rows.map((r) => r.id);
  const [owed, active] = await Promise.all([openBalances(db, tenantId, ids), activeSubscriptions(db, tenantId, ids)]);
  return rows.map((r) => ({ ...r, subscriptions: active.get(r.id) ?? 0, balance: owed.get(r.id) ?? 0 }));
}

async function activeSubscriptions(db: Db, tenantId: string, organizationIds: string[]): Promise<Map<string, number>> {
  if (!organizationIds.length) return new Map();
  const rows = await db
    .select({ organizationId: subscriptions.organizationId, n: sql<number>`count(*)::int`.mapWith(Number) })
    .from(subscriptions)
    .where(and(eq(subscriptions.tenantId, tenantId), inArray(subscriptions.organizationId, organizationIds), eq(subscriptions.status, 'active')))
    .groupBy(subscriptions.organizationId);
  return new Map(rows.map((r) => [r.organizationId, r.n]));
}

/** One page of the storefront's customer organisations by name, with open balance and active subscriptions. */
export async function listCustomers(db: Db, tenantId: string, f: CustomerFilter, page: number, pageSize = 50) {
  const where = conditions(tenantId, f);
  const [rows, [count]] = await Promise.all([
    db.select(LIST).from(organizations).where(where).orderBy(asc(organizations.name), asc(organizations.id)).limit(pageSize).offset((page - 1) * pageSize),
    db.select({ n: sql<number>`count(*)::int` }).from(organizations).where(where),
  ]);
  const total = Number(count?.n ?? 0);
  return { rows: await withFigures(db, tenantId, rows), total, pages: Math.max(1, Math.ceil(total / pageSize)) };
}

export const CUSTOMER_CSV_HEADER = ['Customer', 'Country', 'Currency', 'Billing email', 'On account', 'Credit limit', 'Open balance', 'Active subscriptions', 'Customer since (UTC)'];

/** Every customer matching the filters as CSV records, by name, in keyset batches. */
export async function* customerCsvBatches(
  run: <T>(fn: (db: Db) => Promise<T>) => Promise<T>,
  tenantId: string,
  f: CustomerFilter,
  batchSize = 500,
): AsyncGenerator<(string | number | null)[][]> {
  let cursor: { name: string; id: string } | null = null;
  for (;;) {
    const after: { name: string; id: string } | null = cursor;
    const rows: CustomerRow[] = await run(async (db) =>
      withFigures(
        db,
        tenantId,
        await db
          .select(LIST)
          .from(organizations)
          .where(and(conditions(tenantId, f), after ? or(gt(organizations.name, after.name), and(eq(organizations.name, after.name), gt(organizations.id, after.id))) : undefined))
          .orderBy(asc(organizations.name), asc(organizations.id))
          .limit(batchSize),
      ),
    );
    if (!rows.length) return;
    yield rows.map((c) => [
      c.name,
      c.country,
      c.currency,
      c.billingEmail,
      c.onAccount ? 'yes' : 'no',
      minorToDecimal(c.creditLimit, c.currency),
      minorToDecimal(c.balance, c.currency),
      c.subscriptions,
      c.createdAt.toISOString().replace('T', ' ').slice(0, 19),
    ]);
    const last: CustomerRow = rows[rows.length - 1]!;
    cursor = { name: last.name, id: last.id };
    if (rows.length < batchSize) return;
  }
}
