import { and, asc, eq, gt, gte, inArray, lt, or, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db/client';
import { organizations, plans, products, subscriptionStatus, subscriptions } from '../db/schema';
import { minorToDecimal } from '../money';
import { day, dayAfter, id, optional, parseFilters, startOf } from '../input/filters';
import { customerChoices } from './filters';

/** The states a subscription can be filtered by, as the list offers them. */
export const SUBSCRIPTION_STATUSES = subscriptionStatus.enumValues;

/** The filters of the portal's subscription list and its CSV: status, customer, product, renewal dates. */
export const subscriptionFilter = z
  .object({
    status: optional(z.enum(subscriptionStatus.enumValues, { error: `must be one of ${subscriptionStatus.enumValues.join(', ')}` })),
    customer: optional(id),
    product: optional(id),
    renewsFrom: optional(day),
    renewsTo: optional(day),
  })
  .refine((f) => !f.renewsFrom || !f.renewsTo || f.renewsFrom <= f.renewsTo, { message: 'the first day must not be after the last', path: ['renewsFrom'] });

export type SubscriptionFilter = z.output<typeof subscriptionFilter>;

export function parseSubscriptionFilter(search: Record<string, string | string[] | undefined>) {
  return parseFilters(subscriptionFilter, ['status', 'customer', 'product', 'renewsFrom', 'renewsTo'], search);
}

function conditions(tenantId: string, f: SubscriptionFilter): SQL {
  return and(
    eq(subscriptions.tenantId, tenantId),
    f.status ? eq(subscriptions.status, f.status) : undefined,
    f.customer ? eq(subscriptions.organizationId, f.customer) : undefined,
    f.product ? eq(subscriptions.productId, f.product) : undefined,
    f.renewsFrom ? gte(subscriptions.currentPeriodEnd, startOf(f.renewsFrom)) : undefined,
    f.renewsTo ? lt(subscriptions.currentPeriodEnd, dayAfter(f.renewsTo)) : undefined,
  )!;
}

const LIST = {
  id: subscriptions.id,
  customer: organizations.name,
  product: products.name,
  sku: plans.sku,
  seats: subscriptions.seats,
  status: subscriptions.status,
  billingPeriod: subscriptions.billingPeriod,
  currentPeriodEnd: subscriptions.currentPeriodEnd,
  autoRenew: subscriptions.autoRenew,
  cancelAtPeriodEnd: subscriptions.cancelAtPeriodEnd,
  currency: subscriptions.currency,
  unitPrice: subscriptions.unitPrice,
  unitCost: subscriptions.unitCost,
};

function select(db: Db) {
  return db
    .select(LIST)
    .from(subscriptions)
    .innerJoin(organizations, and(eq(organizations.tenantId, subscriptions.tenantId), eq(organizations.id, subscriptions.organizationId)))
    .innerJoin(plans, eq(plans.id, subscriptions.planId))
    .innerJoin(products, eq(products.id, subscriptions.productId));
}

/** One page of the storefront's subscriptions, next renewal first, and how many match in all. */
export async function listSubscriptions(db: Db, tenantId: string, f: SubscriptionFilter, page: number, pageSize = 50) {
  const where = conditions(tenantId, f);
  const [rows, total] = await Promise.all([
    select(db).where(where).orderBy(asc(subscriptions.currentPeriodEnd), asc(subscriptions.id)).limit(pageSize).offset((page - 1) * pageSize),
    db.$count(subscriptions, where),
  ]);
  return { rows, total, pages: Math.max(1, Math.ceil(total / pageSize)) };
}

export const SUBSCRIPTION_CSV_HEADER = ['Customer', 'Product', 'SKU', 'Seats', 'Status', 'Billing', 'Current period ends (UTC)', 'Auto-renew', 'Ends at period end', 'Currency', 'Unit price', 'Unit cost', 'Period value', 'Period margin'];

type Cursor = { end: Date; id: string } | null;
type SubscriptionRow = Awaited<ReturnType<typeof readBatch>>[number];

/**
 * Every subscription matching the filters as CSV records, by keyset in batches, each batch read
 * by `run` (a transaction of its own). Value and margin are per billing period, seats included.
 */
export async function* subscriptionCsvBatches(run: <T>(fn: (db: Db) => Promise<T>) => Promise<T>, tenantId: string, f: SubscriptionFilter, locale = 'en', batchSize = 500): AsyncGenerator<(string | number | null)[][]> {
  let cursor: Cursor = null;
  for (;;) {
    const after: Cursor = cursor;
    const page: SubscriptionRow[] = await run((db) => readBatch(db, tenantId, f, after, batchSize));
    if (!page.length) return;
    yield page.map((s) => [
      s.customer,
      s.product[locale] ?? s.product.en ?? s.sku,
      s.sku,
      s.seats,
      s.status,
      s.billingPeriod,
      s.currentPeriodEnd.toISOString().replace('T', ' ').slice(0, 19),
      s.autoRenew ? 'yes' : 'no',
      s.cancelAtPeriodEnd ? 'yes' : 'no',
      s.currency,
      minorToDecimal(s.unitPrice, s.currency),
      minorToDecimal(s.unitCost, s.currency),
      minorToDecimal(s.unitPrice * s.seats, s.currency),
      minorToDecimal((s.unitPrice - s.unitCost) * s.seats, s.currency),
    ]);
    const last = page[page.length - 1]!;
    cursor = { end: last.currentPeriodEnd, id: last.id };
    if (page.length < batchSize) return;
  }
}

function readBatch(db: Db, tenantId: string, f: SubscriptionFilter, after: Cursor, size: number) {
  return select(db).where(and(conditions(tenantId, f), keyset(after))).orderBy(asc(subscriptions.currentPeriodEnd), asc(subscriptions.id)).limit(size);
}

/** After the last record read, in the list's order (period end, then id). */
function keyset(after: Cursor): SQL | undefined {
  if (!after) return undefined;
  return or(gt(subscriptions.currentPeriodEnd, after.end), and(eq(subscriptions.currentPeriodEnd, after.end), gt(subscriptions.id, after.id)));
}

/** The filter form's choices: the storefront's customers, and the products it has subscriptions of. */
export async function subscriptionFilterChoices(db: Db, tenantId: string) {
  const [customers, sold] = await Promise.all([
    customerChoices(db, tenantId),
    db.selectDistinct({ id: subscriptions.productId }).from(subscriptions).where(eq(subscriptions.tenantId, tenantId)).limit(300),
  ]);
  const names = sold.length ? await db.select({ id: products.id, name: products.name }).from(products).where(inArray(products.id, sold.map((p) => p.id))) : [];
  return { customers, products: names };
}
