import { and, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db/client';
import { organizations, plans, type OrderRow } from '../db/schema';
import { DomainError } from '../errors';
import { wholeNumber } from '../input/fields';
import type { Viewer } from '../identity/access';
import { creditAvailable } from '../payments';
import { loadPricingContext, type PricingContext } from '../pricing/offer';
import type { Tenant } from '../tenancy/types';
import { orderLinesFor, orderOfKey, writeOrder } from './place';
import { priceItems, type PricedItem } from './pricing';
import { taxOn } from '../money';

/** How many plan rows the portal's "order for this customer" form has. */
export const ASSISTED_ROWS = 5;
const lineSeats = wholeNumber({ min: 1, max: 999_999, what: 'the seats' });

export interface AssistedLine {
  sku: string;
  seats: number;
}

/**
 * The form's rows (`sku0`/`seats0` … `sku4`/`seats4`) as lines; empty rows are skipped, and each
 * row that cannot be read is named, with its number as the person sees it.
 */
export function readAssistedLines(fields: Record<string, unknown>): { lines: AssistedLine[]; problems: string[] } {
  const lines: AssistedLine[] = [];
  const problems: string[] = [];
  for (let i = 0; i < ASSISTED_ROWS; i++) {
    const rawSku = fields[`sku${i}`];
    const sku = typeof rawSku === 'string' ? rawSku.trim().toUpperCase().slice(0, 80) : rawSku === undefined ? '' : '?';
    const rawSeats = fields[`seats${i}`];
    if (!sku && (rawSeats === undefined || rawSeats === '')) continue;
    if (!sku) problems.push(`line ${i + 1}: enter the plan’s SKU`);
    const seats = lineSeats.safeParse(rawSeats).data;
    if (seats === undefined) problems.push(`line ${i + 1}: seats must be a whole number of at least 1`);
    else if (sku) {
      if (lines.some((l) => l.sku === sku)) problems.push(`line ${i + 1}: ${sku} is already on line ${lines.findIndex((l) => l.sku === sku) + 1}`);
      else lines.push({ sku, seats });
    }
  }
  if (!lines.length && !problems.length) problems.push('line 1: add at least one plan');
  return { lines, problems };
}

export const assistedOrderInput = z
  .object({
    organizationId: z.uuid('is not a customer of this storefront'),
    idempotencyKey: z.string().regex(/^[A-Za-z0-9_-]{16,100}$/, 'must be 16–100 letters, digits, _ or -'),
  })
  .passthrough()
  .transform((v, ctx) => {
    const { lines, problems } = readAssistedLines(v);
    for (const p of problems) ctx.addIssue({ code: 'custom', path: ['lines'], message: p });
    return { organizationId: v.organizationId, idempotencyKey: v.idempotencyKey, lines };
  });
export type AssistedOrderInput = z.output<typeof assistedOrderInput>;

/** The plans of the storefront's catalog with these SKUs; an unknown SKU is named. */
async function plansOfSkus(db: Db, ctx: PricingContext, lines: AssistedLine[]): Promise<{ planId: string; seats: number; sku: string }[]> {
  const found = await db
    .select({ id: plans.id, sku: plans.sku })
    .from(plans)
    .where(and(eq(plans.tenantId, ctx.catalogTenantId), inArray(plans.sku, lines.map((l) => l.sku))));
  const missing = lines.filter((l) => !found.some((f) => f.sku === l.sku));
  if (missing.length) {
    const named = missing.map((l) => `${l.sku}: no such plan in the catalog`);
    throw new DomainError('invalid_input', `There is no plan ${missing.map((l) => l.sku).join(', ')} in the catalog.`, { fields: named });
  }
  return lines.map((l) => ({ planId: found.find((f) => f.sku === l.sku)!.id, seats: l.seats, sku: l.sku }));
}

async function customerOf(db: Db, tenant: Tenant, organizationId: string) {
  const [org] = await db.select().from(organizations).where(and(eq(organizations.tenantId, tenant.id), eq(organizations.id, organizationId)));
  if (!org) throw new DomainError('not_found');
  return org;
}

export interface AssistedReview {
  lines: { sku: string; seats: number; item: PricedItem | null; problem: string | null }[];
  currency: string;
  subtotal: number;
  tax: number;
  taxBasisPoints: number;
  total: number;
  creditAvailable: number;
  onAccount: boolean;
}

/** The order as it would be placed: each line at the customer's price, or why it cannot be. */
export async function reviewAssistedOrder(db: Db, tenant: Tenant, organizationId: string, lines: AssistedLine[]): Promise<AssistedReview> {
  const org = await customerOf(db, tenant, organizationId);
  const ctx = await loadPricingContext(db, tenant);
  if (!ctx) throw new DomainError('no_tier');
  const found = await db
    .select({ id: plans.id, sku: plans.sku })
    .from(plans)
    .where(and(eq(plans.tenantId, ctx.catalogTenantId), inArray(plans.sku, lines.length ? lines.map((l) => l.sku) : [''])));
  const reviewed: AssistedReview['lines'] = [];
  for (const line of lines) {
    const plan = found.find((f) => f.sku === line.sku);
    if (!plan) {
      reviewed.push({ ...line, item: null, problem: 'There is no such plan in the catalog.' });
      continue;
    }
    try {
      const [item] = await priceItems(db, ctx, [{ planId: plan.id, seats: line.seats }], org.currency, org.id);
      reviewed.push({ ...line, item: item!, problem: null });
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      reviewed.push({ ...line, item: null, problem: error.message });
    }
  }
  const subtotal = reviewed.reduce((sum, l) => sum + (l.item?.amount ?? 0), 0);
  const taxBasisPoints = tenant.taxRates[org.country] ?? 0;
  const tax = taxOn(subtotal, taxBasisPoints);
  return { lines: reviewed, currency: org.currency, subtotal, tax, taxBasisPoints, total: subtotal + tax, creditAvailable: await creditAvailable(db, org), onAccount: org.onAccount };
}

/**
 * Places an order for a customer organisation from the portal: the customer's prices, the
 * storefront's rules (what it sells, seat limits, credit on account, a suspended account), paid
 * on account, confirmed to the customer's admins by the usual mail. The same idempotency key
 * twice is one order.
 */
export async function placeAssistedOrder(db: Db, tenant: Tenant, viewer: Viewer, input: AssistedOrderInput, now: Date): Promise<{ order: OrderRow; created: boolean }> {
  const existing = await orderOfKey(db, tenant, viewer, input.idempotencyKey);
  if (existing) return { order: existing, created: false };
  const org = await customerOf(db, tenant, input.organizationId);
  const ctx = await loadPricingContext(db, tenant);
  if (!ctx) throw new DomainError('no_tier');
  const items = await plansOfSkus(db, ctx, input.lines);
  const lines = await orderLinesFor(db, tenant, ctx, org, items, { licensees: {} });
  // A storefront plan opens the customer's own storefront: the company orders that itself.
  if (lines.some((l) => l.connector === 'storefront')) throw new DomainError('invalid_input', 'A storefront plan is ordered by the reseller company itself.', { fields: ['lines: no storefront plans'] });
  const order = await writeOrder(db, tenant, viewer, org, 'on_account', lines, { idempotencyKey: input.idempotencyKey, locale: tenant.defaultLocale }, now);
  return { order, created: true };
}
