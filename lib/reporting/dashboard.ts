import { and, asc, desc, eq, gte, inArray, lt, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { invoiceLines, invoices, organizations, products, subscriptions, tenants, type LocalizedText } from '../db/schema';

/** One month of the revenue chart: invoiced less credited, before tax; margin is that less cost. */
export interface MonthFigures {
  /** `YYYY-MM`, UTC. */
  month: string;
  revenue: number;
  margin: number;
}

export interface Dashboard {
  currency: string;
  months: MonthFigures[];
  /** Monthly recurring revenue of the active subscriptions (annual prices count a twelfth). */
  mrr: number;
  /**
   * MRR of subscriptions started in the last 30 days and still running, and of those running 30
   * days ago that have ended since: their difference is the MRR now less the MRR then (at today's
   * seats and prices). One started and ended within the 30 days is in neither.
   */
  mrrStarted: number;
  mrrEnded: number;
  activeSubscriptions: number;
  activeSeats: number;
  topProducts: { productId: string; name: LocalizedText; mrr: number; seats: number }[];
  topCustomers: { organizationId: string; name: string; store: string; revenue: number }[];
  renewals: {
    count: number;
    amount: number;
    next: { subscriptionId: string; customer: string; product: LocalizedText; date: Date; seats: number; amount: number }[];
  };
}

const DAY = 86_400_000;

/** The first instants (UTC) of the 12 months ending with the one `now` is in, and of the month after. */
export function twelveMonths(now: Date): { starts: Date[]; end: Date } {
  const y = now.getUTCFullYear();
  const m = now.getUTCMonth();
  const starts = Array.from({ length: 12 }, (_, i) => new Date(Date.UTC(y, m - 11 + i, 1)));
  return { starts, end: new Date(Date.UTC(y, m + 1, 1)) };
}

const monthKey = (d: Date) => d.toISOString().slice(0, 7);
const sum = (column: Parameters<typeof sql>[1]) => sql<number>`coalesce(sum(${column}), 0)`.mapWith(Number);

/** A subscription's price per month: the seats times the price, an annual price a twelfth of it (rounded once, per group). */
const monthly = sql<number>`coalesce(sum(case when ${subscriptions.billingPeriod} = 'month' then ${subscriptions.unitPrice} * ${subscriptions.seats} else 0 end), 0)`.mapWith(Number);
const annual = sql<number>`coalesce(sum(case when ${subscriptions.billingPeriod} = 'year' then ${subscriptions.unitPrice} * ${subscriptions.seats} else 0 end), 0)`.mapWith(Number);
const mrrOf = (r: { monthly: number; annual: number }) => r.monthly + Math.round(r.annual / 12);

/**
 * The portal's dashboard for the storefronts `tenantIds` (one reseller, or all of a distributor's),
 * in one currency, as of `now`. Revenue and margin come from the invoices and credit notes
 * themselves (their lines' amounts and costs), so they agree with them to the minor unit; the
 * subscription figures from the subscriptions as they are now.
 */
export async function loadDashboard(db: Db, tenantIds: string[], currency: string, now: Date): Promise<Dashboard> {
  const { starts, end } = twelveMonths(now);
  const ids = tenantIds.length ? tenantIds : ['00000000-0000-0000-0000-000000000000'];
  const month = sql<string>`to_char(date_trunc('month', ${invoices.issuedAt} at time zone 'UTC'), 'YYYY-MM')`;
  const documents = and(inArray(invoices.tenantId, ids), eq(invoices.currency, currency), gte(invoices.issuedAt, starts[0]!), lt(invoices.issuedAt, end));
  const active = and(inArray(subscriptions.tenantId, ids), eq(subscriptions.currency, currency), eq(subscriptions.status, 'active'));
  const since = new Date(now.getTime() - 30 * DAY);
  const until = new Date(now.getTime() + 30 * DAY);
  const renewing = and(active, eq(subscriptions.autoRenew, true), eq(subscriptions.cancelAtPeriodEnd, false), gte(subscriptions.currentPeriodEnd, now), lt(subscriptions.currentPeriodEnd, until));
  const renewalAmount = sql<number>`${subscriptions.unitPrice} * coalesce(${subscriptions.scheduledSeats}, ${subscriptions.seats})`.mapWith(Number);

  const [byMonth, [current], [started], [ended], byProduct, byCustomer, [renewalTotals], nextRenewals] = await Promise.all([
    db
      .select({ month, kind: invoices.kind, amount: sum(invoiceLines.amount), cost: sum(invoiceLines.cost) })
      .from(invoices)
      .innerJoin(invoiceLines, and(eq(invoiceLines.tenantId, invoices.tenantId), eq(invoiceLines.invoiceId, invoices.id)))
      .where(documents)
      .groupBy(month, invoices.kind)
      .execute(),
    db.select({ monthly, annual, count: sql<number>`count(*)::int`.mapWith(Number), seats: sum(subscriptions.seats) }).from(subscriptions).where(active).execute(),
    db.select({ monthly, annual }).from(subscriptions).where(and(active, gte(subscriptions.createdAt, since))).execute(),
    db
      .select({ monthly, annual })
      .from(subscriptions)
      .where(and(inArray(subscriptions.tenantId, ids), eq(subscriptions.currency, currency), eq(subscriptions.status, 'cancelled'), gte(subscriptions.cancelledAt, since), lt(subscriptions.createdAt, since)))
      .execute(),
    db
      .select({ productId: subscriptions.productId, name: products.name, monthly, annual, seats: sum(subscriptions.seats) })
      .from(subscriptions)
      .innerJoin(products, and(eq(products.tenantId, subscriptions.catalogTenantId), eq(products.id, subscriptions.productId)))
      .where(active)
      .groupBy(subscriptions.productId, products.name)
      .execute(),
    db
      .select({
        organizationId: invoices.organizationId,
        name: organizations.name,
        store: tenants.name,
        revenue: sql<number>`coalesce(sum(case when ${invoices.kind} = 'invoice' then ${invoices.subtotal} else -${invoices.subtotal} end), 0)`.mapWith(Number),
      })
      .from(invoices)
      .innerJoin(organizations, and(eq(organizations.tenantId, invoices.tenantId), eq(organizations.id, invoices.organizationId)))
      .innerJoin(tenants, eq(tenants.id, invoices.tenantId))
      .where(documents)
      .groupBy(invoices.tenantId, invoices.organizationId, organizations.name, tenants.name)
      .orderBy(desc(sql`4`), asc(organizations.name))
      .limit(5)
      .execute(),
    db.select({ count: sql<number>`count(*)::int`.mapWith(Number), amount: sum(renewalAmount) }).from(subscriptions).where(renewing).execute(),
    db
      .select({ subscriptionId: subscriptions.id, customer: organizations.name, product: products.name, date: subscriptions.currentPeriodEnd, seats: subscriptions.seats, scheduled: subscriptions.scheduledSeats, amount: renewalAmount })
      .from(subscriptions)
      .innerJoin(organizations, and(eq(organizations.tenantId, subscriptions.tenantId), eq(organizations.id, subscriptions.organizationId)))
      .innerJoin(products, and(eq(products.tenantId, subscriptions.catalogTenantId), eq(products.id, subscriptions.productId)))
      .where(renewing)
      .orderBy(asc(subscriptions.currentPeriodEnd), asc(subscriptions.id))
      .limit(10)
      .execute(),
  ]);

  const months = starts.map((start): MonthFigures => {
    const key = monthKey(start);
    const of = (kind: 'invoice' | 'credit_note') => byMonth.find((r) => r.month === key && r.kind === kind) ?? { amount: 0, cost: 0 };
    const billed = of('invoice');
    const credited = of('credit_note');
    return { month: key, revenue: billed.amount - credited.amount, margin: billed.amount - billed.cost - (credited.amount - credited.cost) };
  });
  const topProducts = byProduct
    .map((p) => ({ productId: p.productId, name: p.name, mrr: mrrOf(p), seats: p.seats }))
    .sort((a, b) => b.mrr - a.mrr || b.seats - a.seats)
    .slice(0, 5);
  return {
    currency,
    months,
    mrr: current ? mrrOf(current) : 0,
    mrrStarted: started ? mrrOf(started) : 0,
    mrrEnded: ended ? mrrOf(ended) : 0,
    activeSubscriptions: current?.count ?? 0,
    activeSeats: current?.seats ?? 0,
    topProducts,
    topCustomers: byCustomer.filter((c) => c.revenue !== 0),
    renewals: {
      count: renewalTotals?.count ?? 0,
      amount: renewalTotals?.amount ?? 0,
      next: nextRenewals.map((r) => ({ subscriptionId: r.subscriptionId, customer: r.customer, product: r.product, date: r.date, seats: r.scheduled ?? r.seats, amount: r.amount })),
    },
  };
}

/** The currencies the storefronts bill in (what the dashboard can be shown in), most used first. */
export async function dashboardCurrencies(db: Db, tenantIds: string[]): Promise<string[]> {
  if (!tenantIds.length) return [];
  const rows = await db
    .select({ currency: invoices.currency, n: sql<number>`count(*)::int`.mapWith(Number) })
    .from(invoices)
    .where(inArray(invoices.tenantId, tenantIds))
    .groupBy(invoices.currency)
    .orderBy(desc(sql`2`), asc(invoices.currency));
  return rows.map((r) => r.currency);
}
