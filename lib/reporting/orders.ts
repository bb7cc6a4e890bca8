import { and, desc, eq, exists, gte, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db/client';
import { orderLines, orderState, orders, organizations } from '../db/schema';
import { minorToDecimal } from '../money';
import { day, dayAfter, id, optional, parseFilters, startOf } from '../input/filters';
import { customerChoices } from './filters';

/** The states an order can be filtered by, as the list offers them. */
export const ORDER_STATES = orderState.enumValues;

/** The filters of the portal's order list and its CSV export, from a query string. */
export const orderFilter = z
  .object({
    state: optional(z.enum(orderState.enumValues, { error: `must be one of ${orderState.enumValues.join(', ')}` })),
    customer: optional(id),
    product: optional(id),
    from: optional(day),
    to: optional(day),
  })
  .refine((f) => !f.from || !f.to || f.from <= f.to, { message: 'the first day must not be after the last', path: ['from'] });

export type OrderFilter = z.output<typeof orderFilter>;

/** Reads the filters; a bad one is named (and the list shown unfiltered by it), never guessed. */
export function parseOrderFilter(search: Record<string, string | string[] | undefined>): { filter: OrderFilter; problems: string[] } {
  return parseFilters(orderFilter, ['state', 'customer', 'product', 'from', 'to'], search);
}

function conditions(tenantId: string, f: OrderFilter): SQL {
  const parts: (SQL | undefined)[] = [
    eq(orders.tenantId, tenantId),
    f.state ? eq(orders.state, f.state) : undefined,
    f.customer ? eq(orders.organizationId, f.customer) : undefined,
    f.from ? gte(orders.createdAt, startOf(f.from)) : undefined,
    f.to ? lt(orders.createdAt, dayAfter(f.to)) : undefined,
    f.product
      ? exists(
          sql`(select 1 from ${orderLines} where ${orderLines.tenantId} = ${orders.tenantId} and ${orderLines.orderId} = ${orders.id} and ${orderLines.productId} = ${f.product})`,
        )
      : undefined,
  ];
  return and(...parts)!;
}

const LIST = {
  id: orders.id,
  number: orders.number,
  createdAt: orders.createdAt,
  state: orders.state,
  paymentMethod: orders.paymentMethod,
  currency: orders.currency,
  subtotal: orders.subtotal,
  tax: orders.tax,
  total: orders.total,
  customerId: orders.organizationId,
  customer: organizations.name,
};


/** One page of the storefront's orders, newest first, and how many match in all. */
export async function listOrders(db: Db, tenantId: string, f: OrderFilter, page: number, pageSize = 50) {
  const where = conditions(tenantId, f);
  const [rows, [count]] = await Promise.all([
    db
      .select(LIST)
      .from(orders)
      .innerJoin(organizations, and(eq(organizations.tenantId, orders.tenantId), eq(organizations.id, orders.organizationId)))
      .where(where)
      .orderBy(desc(orders.createdAt), desc(orders.number))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db.select({ n: sql<number>`count(*)::int` }).from(orders).where(where),
  ]);
  return { rows, total: Number(count?.n ?? 0), pages: Math.max(1, Math.ceil(Number(count?.n ?? 0) / pageSize)) };
}

type Cursor = { createdAt: Date; number: number } | null;

async function readOrderBatch(db: Db, tenantId: string, f: OrderFilter, cursor: Cursor, size: number) {
  const page = await db
    .select(LIST)
    .from(orders)
    .innerJoin(organizations, and(eq(organizations.tenantId, orders.tenantId), eq(organizations.id, orders.organizationId)))
    .where(and(conditions(tenantId, f), cursor ? or(lt(orders.createdAt, cursor.createdAt), and(eq(orders.createdAt, cursor.createdAt), lt(orders.number, cursor.number))) : undefined))
    .orderBy(desc(orders.createdAt), desc(orders.number))
    .limit(size);
  const lines = page.length
    ? await db
        .select({ orderId: orderLines.orderId, seats: orderLines.seats, sku: orderLines.sku })
        .from(orderLines)
        .where(and(eq(orderLines.tenantId, tenantId), inArray(orderLines.orderId, page.map((o) => o.id))))
        .orderBy(orderLines.position)
    : [];
  return { page, lines };
}

export const ORDER_CSV_HEADER = ['Order', 'Date (UTC)', 'Customer', 'State', 'Payment', 'Currency', 'Subtotal', 'Tax', 'Total', 'Lines'];

/**
 * Every order matching the filters as CSV records, in batches read by keyset (newest first), each
 * with its lines ("2 × MS-M365-BASIC-M"). Amounts are decimals in the order's currency.
 */
export async function* orderCsvBatches(
  run: <T>(fn: (db: Db) => Promise<T>) => Promise<T>,
  tenantId: string,
  f: OrderFilter,
  batchSize = 500,
): AsyncGenerator<(string | number | null)[][]> {
  let cursor: Cursor = null;
  for (;;) {
    // Each batch in a transaction of its own (`run`): a long download holds none open between them.
    const { page, lines } = await run((db) => readOrderBatch(db, tenantId, f, cursor, batchSize));
    if (!page.length) return;
    const byOrder = new Map<string, string[]>();
    for (const l of lines) byOrder.set(l.orderId, [...(byOrder.get(l.orderId) ?? []), `${l.seats} × ${l.sku}`]);
    yield page.map((o) => [
      o.number,
      o.createdAt.toISOString().replace('T', ' ').slice(0, 19),
      o.customer,
      o.state,
      o.paymentMethod,
      o.currency,
      minorToDecimal(o.subtotal, o.currency),
      minorToDecimal(o.tax, o.currency),
      minorToDecimal(o.total, o.currency),
      (byOrder.get(o.id) ?? []).join('; '),
    ]);
    const last = page[page.length - 1]!;
    cursor = { createdAt: last.createdAt, number: last.number };
    if (page.length < batchSize) return;
  }
}

/** The filter form's choices: the storefront's customers, and the products it has sold. */
export async function orderFilterChoices(db: Db, tenantId: string) {
  const [customers, products] = await Promise.all([
    customerChoices(db, tenantId),
    db
      .selectDistinctOn([orderLines.productId], { id: orderLines.productId, name: orderLines.productName })
      .from(orderLines)
      .where(eq(orderLines.tenantId, tenantId))
      .orderBy(orderLines.productId)
      .limit(300),
  ]);
  return { customers, products };
}
