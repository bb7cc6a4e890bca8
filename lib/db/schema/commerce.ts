import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  foreignKey,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { billingPeriod, type LocalizedText } from './catalog';
import { organizations, users } from './identity';
import { tenants } from './tenancy';

// ─── Buying: carts, orders, payments, provisioning, subscriptions (all per storefront) ─────────

const money = (name: string) => bigint(name, { mode: 'number' });

export const orderState = pgEnum('order_state', ['placed', 'awaiting_payment', 'paid', 'provisioning', 'completed', 'failed', 'cancelled']);
export const paymentMethod = pgEnum('payment_method', ['on_account', 'card', 'bank_transfer']);
export const lineState = pgEnum('order_line_state', ['pending', 'provisioning', 'provisioned', 'failed']);
export const taskState = pgEnum('provisioning_task_state', ['open', 'done', 'failed']);
export const subscriptionStatus = pgEnum('subscription_status', ['active', 'suspended', 'cancelled']);
/** `new` buys a subscription; the others change one (prorated for the rest of its period). */
export const lineKind = pgEnum('order_line_kind', ['new', 'add_seats', 'upgrade']);

/**
 * A visitor's cart on one storefront. Anonymous carts are found by the hash of the random token in
 * the visitor's cookie; a signed-in person's cart by its user (one per person).
 */
export const carts = pgTable(
  'carts',
  {
    tenantId: uuid('tenant_id').notNull().references(() => tenants.id, { onDelete: 'cascade' }),
    id: uuid('id').notNull().defaultRandom(),
    tokenHash: text('token_hash'),
    userId: text('user_id'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id], name: 'carts_pkey' }),
    uniqueIndex('carts_token_key').on(t.tenantId, t.tokenHash),
    uniqueIndex('carts_user_key').on(t.tenantId, t.userId),
    foreignKey({ columns: [t.tenantId, t.userId], foreignColumns: [users.tenantId, users.id], name: 'carts_user_fk' }).onDelete('cascade'),
    check('carts_owner', sql`${t.tokenHash} is not null or ${t.userId} is not null`),
  ],
);

/** Only the plan and the seats: prices are computed afresh whenever the cart is shown. */
export const cartItems = pgTable(
  'cart_items',
  {
    tenantId: uuid('tenant_id').notNull(),
    cartId: uuid('cart_id').notNull(),
    planId: uuid('plan_id').notNull(),
    seats: integer('seats').notNull(),
    addedAt: timestamp('added_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.cartId, t.planId], name: 'cart_items_pkey' }),
    foreignKey({ columns: [t.tenantId, t.cartId], foreignColumns: [carts.tenantId, carts.id], name: 'cart_items_cart_fk' }).onDelete('cascade'),
    check('cart_items_seats', sql`${t.seats} >= 1`),
  ],
);

/** The last order number a storefront gave out: numbers are per storefront and have no gaps. */
export const orderCounters = pgTable('order_counters', {
  tenantId: uuid('tenant_id').primaryKey().references(() => tenants.id, { onDelete: 'cascade' }),
  lastNumber: integer('last_number').notNull().default(0),
});

export interface BillingSnapshot {
  name: string;
  country: string;
  email: string;
  taxId: string | null;
  /** The postal billing address, lines separated by newlines (absent on documents issued before it was asked). */
  address?: string | null;
}

/** Who holds a licence bought for resale, as it was when ordered. */
export interface LicenseeSnapshot {
  id: string;
  name: string;
  country: string;
  email: string;
  taxId: string | null;
}

/** The storefront a reseller company chose at checkout for a storefront plan. */
export interface StorefrontChoice {
  slug: string;
  theme: string;
  locales: string[];
  defaultLocale: string;
  currency: string;
}

export const orders = pgTable(
  'orders',
  {
    tenantId: uuid('tenant_id').notNull().references(() => tenants.id, { onDelete: 'cascade' }),
    id: uuid('id').notNull().defaultRandom(),
    number: integer('number').notNull(),
    organizationId: uuid('organization_id').notNull(),
    userId: text('user_id').notNull(),
    idempotencyKey: text('idempotency_key').notNull(),
    state: orderState('state').notNull().default('placed'),
    paymentMethod: paymentMethod('payment_method').notNull(),
    currency: text('currency').notNull(),
    subtotal: money('subtotal').notNull(),
    taxBasisPoints: integer('tax_basis_points').notNull(),
    tax: money('tax').notNull(),
    total: money('total').notNull(),
    billing: jsonb('billing').$type<BillingSnapshot>().notNull(),
    locale: text('locale').notNull(),
    /** The Stripe Checkout Session paying a card order (on the reseller's connected account). */
    paymentReference: text('payment_reference'),
    paidAt: timestamp('paid_at', { withTimezone: true }),
    /** The customer's purchase order reference, printed on the invoice. */
    purchaseOrder: text('purchase_order'),
    /** EU cross-border B2B: no VAT charged, the buyer accounts for it (the invoice says so). */
    reverseCharge: boolean('reverse_charge').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id], name: 'orders_pkey' }),
    uniqueIndex('orders_number_key').on(t.tenantId, t.number),
    uniqueIndex('orders_idempotency_key').on(t.tenantId, t.idempotencyKey),
    index('orders_organization_idx').on(t.tenantId, t.organizationId, t.createdAt),
    index('orders_state_idx').on(t.tenantId, t.state),
    foreignKey({ columns: [t.tenantId, t.organizationId], foreignColumns: [organizations.tenantId, organizations.id], name: 'orders_org_fk' }),
    check('orders_currency', sql`${t.currency} ~ '^[A-Z]{3}$'`),
    check('orders_amounts', sql`${t.subtotal} >= 0 and ${t.tax} >= 0 and ${t.total} = ${t.subtotal} + ${t.tax}`),
    check('orders_tax_rate', sql`${t.taxBasisPoints} between 0 and 10000`),
  ],
);

/** One plan bought: prices frozen at order time, so reports never change when prices do. */
export const orderLines = pgTable(
  'order_lines',
  {
    tenantId: uuid('tenant_id').notNull(),
    orderId: uuid('order_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    position: integer('position').notNull(),
    catalogTenantId: uuid('catalog_tenant_id').notNull(),
    productId: uuid('product_id').notNull(),
    planId: uuid('plan_id').notNull(),
    sku: text('sku').notNull(),
    productName: jsonb('product_name').$type<LocalizedText>().notNull(),
    planName: jsonb('plan_name').$type<LocalizedText>().notNull(),
    billingPeriod: billingPeriod('billing_period').notNull(),
    termMonths: integer('term_months').notNull(),
    seats: integer('seats').notNull(),
    unitWholesale: money('unit_wholesale').notNull(),
    unitCost: money('unit_cost').notNull(),
    unitPrice: money('unit_price').notNull(),
    amount: money('amount').notNull(),
    connector: text('connector').notNull(),
    state: lineState('state').notNull().default('pending'),
    failure: text('failure'),
    kind: lineKind('kind').notNull().default('new'),
    /** For a change: the subscription it changes. */
    subscriptionId: uuid('subscription_id'),
    /** For a change: the seats the subscription had when it was ordered (the line adds `seats`). */
    seatsBefore: integer('seats_before'),
    /** Bought for resale: the end customer who holds the licence (a snapshot as ordered). */
    licensee: jsonb('licensee').$type<LicenseeSnapshot>(),
    /** A storefront plan: the storefront chosen at checkout. */
    storefront: jsonb('storefront').$type<StorefrontChoice>(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id], name: 'order_lines_pkey' }),
    uniqueIndex('order_lines_position_key').on(t.tenantId, t.orderId, t.position),
    index('order_lines_subscription_idx').on(t.tenantId, t.subscriptionId),
    foreignKey({ columns: [t.tenantId, t.orderId], foreignColumns: [orders.tenantId, orders.id], name: 'order_lines_order_fk' }).onDelete('cascade'),
    check('order_lines_seats', sql`${t.seats} >= 1`),
    // A new subscription pays whole periods; a change pays the prorated rest of one, never more.
    check('order_lines_amount', sql`(case when ${t.kind} = 'new' then ${t.amount} = ${t.unitPrice} * ${t.seats} else ${t.amount} between 0 and ${t.unitPrice} * ${t.seats} end) and ${t.unitPrice} >= ${t.unitCost}`),
    check('order_lines_change', sql`(${t.kind} = 'new') = (${t.subscriptionId} is null)`),
  ],
);

/** Every state change of an order, with its time and cause: the order's history. */
export const orderEvents = pgTable(
  'order_events',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    orderId: uuid('order_id').notNull(),
    fromState: orderState('from_state'),
    toState: orderState('to_state').notNull(),
    cause: text('cause').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id], name: 'order_events_pkey' }),
    index('order_events_order_idx').on(t.tenantId, t.orderId, t.at),
    foreignKey({ columns: [t.tenantId, t.orderId], foreignColumns: [orders.tenantId, orders.id], name: 'order_events_order_fk' }).onDelete('cascade'),
  ],
);

/** Payment provider events already acted on: each event id changes something at most once. */
export const paymentEvents = pgTable(
  'payment_events',
  {
    tenantId: uuid('tenant_id').notNull().references(() => tenants.id, { onDelete: 'cascade' }),
    eventId: text('event_id').notNull(),
    type: text('type').notNull(),
    outcome: text('outcome').notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.eventId], name: 'payment_events_pkey' })],
);

/** A line the `manual` connector hands to the distributor, who completes or fails it at /admin. */
export const provisioningTasks = pgTable(
  'provisioning_tasks',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    orderId: uuid('order_id').notNull(),
    lineId: uuid('line_id').notNull(),
    action: text('action').notNull().default('provision'),
    state: taskState('state').notNull().default('open'),
    externalId: text('external_id'),
    note: text('note'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id], name: 'provisioning_tasks_pkey' }),
    uniqueIndex('provisioning_tasks_line_key').on(t.tenantId, t.lineId, t.action),
    index('provisioning_tasks_state_idx').on(t.state),
    foreignKey({ columns: [t.tenantId, t.lineId], foreignColumns: [orderLines.tenantId, orderLines.id], name: 'provisioning_tasks_line_fk' }).onDelete('cascade'),
  ],
);

/** What a customer organisation has: created when a line is provisioned (one per line). */
export const subscriptions = pgTable(
  'subscriptions',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    organizationId: uuid('organization_id').notNull(),
    orderId: uuid('order_id').notNull(),
    orderLineId: uuid('order_line_id').notNull(),
    catalogTenantId: uuid('catalog_tenant_id').notNull(),
    productId: uuid('product_id').notNull(),
    planId: uuid('plan_id').notNull(),
    seats: integer('seats').notNull(),
    billingPeriod: billingPeriod('billing_period').notNull(),
    status: subscriptionStatus('status').notNull().default('active'),
    connector: text('connector').notNull(),
    externalId: text('external_id').notNull(),
    currentPeriodStart: timestamp('current_period_start', { withTimezone: true }).notNull(),
    currentPeriodEnd: timestamp('current_period_end', { withTimezone: true }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    /**
     * The day periods are counted from (so short months do not drift): the purchase, or the
     * renewal at which the billing period changed. Null: the purchase (created_at).
     */
    periodAnchor: timestamp('period_anchor', { withTimezone: true }),
    /** The price per seat and period the customer pays (frozen at purchase; changed by a plan change). */
    currency: text('currency').notNull(),
    unitPrice: money('unit_price').notNull(),
    unitCost: money('unit_cost').notNull(),
    unitWholesale: money('unit_wholesale').notNull(),
    paymentMethod: paymentMethod('payment_method').notNull(),
    autoRenew: boolean('auto_renew').notNull().default(true),
    /** Cancels on the renewal date instead of renewing (undoable until then). */
    cancelAtPeriodEnd: boolean('cancel_at_period_end').notNull().default(false),
    /** A seat decrease or a downgrade waiting for the renewal date (withdrawable until then). */
    scheduledSeats: integer('scheduled_seats'),
    scheduledPlanId: uuid('scheduled_plan_id'),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    /** Renewal charges that failed in a row; the subscription is suspended after the last retry. */
    renewalFailures: integer('renewal_failures').notNull().default(0),
    /** When a failed renewal charge is tried again. */
    renewalRetryAt: timestamp('renewal_retry_at', { withTimezone: true }),
    /** The period end the renewal reminder was sent for (sent once per period). */
    remindedFor: timestamp('reminded_for', { withTimezone: true }),
    /** Saved at card checkout, for charging renewals off-session (on the reseller's account). */
    stripeCustomerId: text('stripe_customer_id'),
    stripePaymentMethodId: text('stripe_payment_method_id'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id], name: 'subscriptions_pkey' }),
    uniqueIndex('subscriptions_line_key').on(t.tenantId, t.orderLineId),
    index('subscriptions_organization_idx').on(t.tenantId, t.organizationId),
    index('subscriptions_renewal_idx').on(t.currentPeriodEnd).where(sql`${t.status} = 'active'`),
    check('subscriptions_scheduled_seats', sql`${t.scheduledSeats} is null or ${t.scheduledSeats} >= 1`),
    check('subscriptions_price', sql`${t.unitPrice} >= ${t.unitCost} and ${t.unitCost} >= 0`),
    foreignKey({ columns: [t.tenantId, t.organizationId], foreignColumns: [organizations.tenantId, organizations.id], name: 'subscriptions_org_fk' }),
    foreignKey({ columns: [t.tenantId, t.orderLineId], foreignColumns: [orderLines.tenantId, orderLines.id], name: 'subscriptions_line_fk' }),
    check('subscriptions_seats', sql`${t.seats} >= 1`),
    check('subscriptions_period', sql`${t.currentPeriodEnd} > ${t.currentPeriodStart}`),
  ],
);

export type OrderRow = typeof orders.$inferSelect;
export type OrderLineRow = typeof orderLines.$inferSelect;
export type SubscriptionRow = typeof subscriptions.$inferSelect;
export type OrderState = (typeof orderState.enumValues)[number];

export type ProvisioningTaskRow = typeof provisioningTasks.$inferSelect;
