import { and, eq, inArray, isNull, ne, or, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { accountCredits, invoices, orderLines, orders, type OrderRow, type OrderState } from '../db/schema';
import type { organizations } from '../db/schema';
import { DomainError } from '../errors';
import { basisPointsToPercent, formatMoney } from '../money';
import type { Tenant } from '../tenancy/types';
import { createCheckoutSession, stripeConfigured } from './stripe';

export type PaymentMethodKey = 'on_account' | 'card' | 'bank_transfer';
export const PAYMENT_METHOD_KEYS = ['on_account', 'card', 'bank_transfer'] as const satisfies readonly PaymentMethodKey[];
type Organization = typeof organizations.$inferSelect;

export interface PaymentMethod {
  key: PaymentMethodKey;
  /** Whether this customer may pay this way on this storefront (for an order in `currency`, when given). */
  available(tenant: Tenant, organization: Organization, currency?: string): boolean;
  /** Where a new order paid this way goes from `placed`, and the cause recorded for it. */
  firstStep(tenant: Tenant): { state: OrderState; cause: string };
  /** Whether the order's invoice is issued with the order (to be paid later) rather than when it is paid. */
  invoicedWithOrder: boolean;
  /**
   * In the order's transaction, before the order takes its number: refuses what this method
   * cannot take by throwing, which rolls the order back. What it must keep from changing until
   * commit (the organisation's credit) it locks itself. `alternatives`: the other methods this
   * customer has, named in a refusal.
   */
  admit(ctx: { db: Db; organization: Organization; orderId: string; total: number; currency: string; locale: string; alternatives: PaymentMethodKey[] }): Promise<void>;
}

/**
 * On account: the seller invoices later. Allowed when the reseller enabled it for the organisation
 * and the order fits in its credit limit beside what is still open (orders on account not yet paid).
 */
export const onAccount: PaymentMethod = {
  key: 'on_account',
  // The credit limit is in the organisation's currency: an order in another is not on account.
  available: (_tenant, org, currency) => org.onAccount && (currency === undefined || currency === org.currency),
  firstStep: () => ({ state: 'provisioning', cause: 'accepted on account' }),
  invoicedWithOrder: true,
  async admit({ db, organization, orderId, total, currency, locale, alternatives }) {
    // One order of the organisation at a time spends its credit: the lock is held until commit,
    // and the next one's sum (read committed) sees this order. Sent with the sum, one round trip.
    // (`then` sends it now: drizzle sends a statement when it is first awaited.)
    const locked = db.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`${organization.tenantId}:credit:${organization.id}`}, 0))`).then(() => undefined);
    const [available] = await Promise.all([creditAvailable(db, organization, orderId), locked]);
    if (total > available) {
      const money = (n: number) => formatMoney(Math.max(0, n), currency, locale);
      throw new DomainError(
        'credit_limit',
        `This order (${money(total)}) is over your credit limit on account: ${money(available)} of ${money(organization.creditLimit)} is available. ${alternatives.length ? `Pay by ${alternatives.map((m) => METHOD_NAMES[m]).join(' or ')} instead, or ask` : 'Ask'} the store to raise the limit.`,
        { total: { amount: total, currency }, available: { amount: Math.max(0, available), currency }, limit: { amount: organization.creditLimit, currency }, methods: alternatives },
      );
    }
  },
};

/**
 * What an organisation may still buy on account: its limit less what is open (orders on account
 * that are not paid; unpaid invoices are such orders too). Negative when over the limit.
 */
export async function creditAvailable(db: Db, organization: Organization, excludeOrderId?: string): Promise<number> {
  const owed = await openBalances(db, organization.tenantId, [organization.id], excludeOrderId);
  return organization.creditLimit - (owed.get(organization.id) ?? 0);
}

/**
 * What each organisation owes on account, in its currency: what is still due on its open invoices
 * on account (an order on account has its invoice from the moment it is placed; renewals have
 * theirs), less its credit balance (credit notes on invoices already paid); never below nothing.
 * A credit note against an open invoice is in that invoice's `credit_applied`, so nothing is
 * counted twice. The customer list shows it; the credit check spends against it.
 */
export async function openBalances(db: Db, tenantId: string, organizationIds: string[], excludeOrderId?: string): Promise<Map<string, number>> {
  if (!organizationIds.length) return new Map();
  const due = db
    .select({ organizationId: invoices.organizationId, amount: sql<number>`coalesce(sum(${invoices.total} - ${invoices.creditApplied}), 0)`.mapWith(Number) })
    .from(invoices)
    .where(
      and(
        eq(invoices.tenantId, tenantId),
        inArray(invoices.organizationId, organizationIds),
        eq(invoices.kind, 'invoice'),
        eq(invoices.status, 'open'),
        eq(invoices.paymentMethod, 'on_account'),
        ...(excludeOrderId ? [or(isNull(invoices.orderId), ne(invoices.orderId, excludeOrderId))!] : []),
      ),
    )
    .groupBy(invoices.organizationId)
    .execute();
  const credit = db
    .select({ organizationId: accountCredits.organizationId, amount: sql<number>`coalesce(sum(${accountCredits.amount}), 0)`.mapWith(Number) })
    .from(accountCredits)
    .where(and(eq(accountCredits.tenantId, tenantId), inArray(accountCredits.organizationId, organizationIds)))
    .groupBy(accountCredits.organizationId)
    .execute();
  const [owedRows, creditRows] = await Promise.all([due, credit]);
  const owed = new Map<string, number>();
  for (const r of owedRows) owed.set(r.organizationId, r.amount);
  for (const r of creditRows) owed.set(r.organizationId, (owed.get(r.organizationId) ?? 0) - r.amount);
  for (const [id, amount] of owed) owed.set(id, Math.max(0, amount));
  return owed;
}

/** By card through Stripe, on the reseller's connected account; paid when Stripe says so. */
export const card: PaymentMethod = {
  key: 'card',
  // Only once Stripe says the connected account can take charges (onboarding finished).
  available: (tenant) => stripeConfigured() && tenant.stripeAccountId !== null && tenant.stripeChargesEnabled,
  firstStep: () => ({ state: 'awaiting_payment', cause: 'waiting for the card payment' }),
  invoicedWithOrder: false,
  async admit() {},
};

/**
 * By bank transfer, in advance: offered once the storefront has set its bank details. The order's
 * invoice is issued at once with the bank details and a payment reference, and the order waits
 * until the storefront marks the invoice paid; or, where the storefront chose so, it is
 * provisioned at once and the invoice paid later.
 */
export const bankTransfer: PaymentMethod = {
  key: 'bank_transfer',
  available: (tenant) => tenant.bankDetails !== null,
  firstStep: (tenant) =>
    tenant.provisionBeforePayment ? { state: 'provisioning', cause: 'provisioned before the bank transfer arrives' } : { state: 'awaiting_payment', cause: 'waiting for the bank transfer' },
  invoicedWithOrder: true,
  async admit() {},
};

export const PAYMENT_METHODS: Record<PaymentMethodKey, PaymentMethod> = { on_account: onAccount, card, bank_transfer: bankTransfer };

/** How the English messages for API clients name the methods (pages use `shop.<key>`). */
const METHOD_NAMES: Record<PaymentMethodKey, string> = { on_account: 'invoice on account', card: 'card', bank_transfer: 'bank transfer' };

export function availableMethods(tenant: Tenant, organization: Organization, currency?: string): PaymentMethod[] {
  return Object.values(PAYMENT_METHODS).filter((m) => m.available(tenant, organization, currency));
}

/** What applying a payment Stripe reported did (to an order or an invoice). */
export type PaymentOutcome = 'fulfilled' | 'already_paid' | 'not_payable' | 'mismatch' | 'unknown_order';

/** The Stripe payment page of a card order (the same one on every retry: idempotent per order). */
export async function checkoutPage(db: Db, tenant: Tenant, order: OrderRow, origin: string, orderPath: string, cancelPath: string): Promise<string> {
  if (!tenant.stripeAccountId) throw new DomainError('payment_unavailable');
  const lines = await db.select().from(orderLines).where(and(eq(orderLines.tenantId, order.tenantId), eq(orderLines.orderId, order.id))).orderBy(orderLines.position);
  // A change of a subscription is charged for the rest of its period: one prorated amount, not
  // seats × the price of a whole period.
  const items = lines.map((l) => {
    const name = `${l.productName[order.locale] ?? l.productName.en} – ${l.planName[order.locale] ?? l.planName.en}`;
    return l.kind === 'new' ? { name, unitAmount: l.unitPrice, quantity: l.seats } : { name: `${name} (${l.kind === 'add_seats' ? `+${l.seats}` : l.seats} × ${l.kind === 'add_seats' ? 'seats' : 'upgrade'}, prorated)`, unitAmount: l.amount, quantity: 1 };
  });
  if (order.tax > 0) items.push({ name: `Tax ${basisPointsToPercent(order.taxBasisPoints)} %`, unitAmount: order.tax, quantity: 1 });
  const session = await createCheckoutSession({
    account: tenant.stripeAccountId,
    orderId: order.id,
    tenantId: tenant.id,
    orderNumber: order.number,
    currency: order.currency,
    lines: items,
    email: order.billing.email,
    locale: order.locale,
    successUrl: `${origin}${orderPath}?session_id={CHECKOUT_SESSION_ID}`,
    cancelUrl: `${origin}${cancelPath}`,
  });
  await db.update(orders).set({ paymentReference: session.id }).where(and(eq(orders.tenantId, order.tenantId), eq(orders.id, order.id)));
  if (!session.url) throw new DomainError('payment_failed');
  return session.url;
}
