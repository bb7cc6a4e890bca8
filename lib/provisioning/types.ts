import type { StorefrontChoice } from '../db/schema';
import { DomainError } from '../errors';

/** What a connector is asked to set up: one order line for one customer organisation. */
export interface ProvisionRequest {
  /** Unique per line: a vendor that sees it twice (a retried job) must not provision twice. */
  idempotencyKey: string;
  tenantId: string;
  orderNumber: number;
  sku: string;
  productName: string;
  seats: number;
  billingPeriod: 'month' | 'year';
  termMonths: number;
  customer: { id: string; name: string; country: string; email: string };
  /** The product's endpoint, for the `http` connector. */
  url: string | null;
  /** A storefront plan: the storefront the reseller company chose at checkout. */
  storefront?: StorefrontChoice | null;
}

export interface SubscriptionRef {
  /** Unique per change (the order line or history event behind it): a retried call is one change. */
  requestKey: string;
  externalId: string;
  sku: string;
  seats: number;
  url: string | null;
}

/** `pending`: a person finishes it (the manual connector's task); the line waits for them. */
export type ProvisionResult = { status: 'provisioned'; externalId: string } | { status: 'pending' };

/**
 * One way of reaching a vendor. Provisioning is required of every connector; the subscription
 * changes are the calls the subscription management uses. Errors are thrown: the job retries.
 */
export interface Connector {
  key: 'demo' | 'http' | 'manual' | 'storefront';
  provision(request: ProvisionRequest): Promise<ProvisionResult>;
  changeSeats(subscription: SubscriptionRef, seats: number): Promise<ProvisionResult>;
  /** Moves the subscription to another plan (SKU) of the same product, keeping its seats. */
  changePlan(subscription: SubscriptionRef, sku: string): Promise<ProvisionResult>;
  /** Blocks use and billing at the vendor; `reactivate` lifts it. */
  suspend(subscription: SubscriptionRef): Promise<ProvisionResult>;
  reactivate(subscription: SubscriptionRef): Promise<ProvisionResult>;
  cancel(subscription: SubscriptionRef): Promise<ProvisionResult>;
}

/** A vendor (or the data a connector needs) refused or failed: the runner retries, then fails the line. */
export function provisioningFailed(message: string): DomainError<'provisioning_failed'> {
  return new DomainError('provisioning_failed', message);
}
