import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { withTenant } from '../db/tenant';
import { plans, products, subscriptions } from '../db/schema';
import type { JobPayloads } from '../jobs';
import { connectorFor, type Connectors } from '../provisioning';

/**
 * Tells the vendor of a change made here (fewer seats, a plan at renewal, a cancellation, a
 * suspension), outside any transaction. The vendor is told where the subscription is now, with
 * the change's own key: a retried job is one change at the vendor.
 */
export async function syncSubscription(db: Db, job: JobPayloads['subscription-sync'], connectors: Connectors): Promise<'sent' | 'pending' | 'skipped'> {
  const row = await withTenant(db, job.tenantId, async (tx) => {
    const [found] = await tx
      .select({ sub: subscriptions, sku: plans.sku, url: products.connectorUrl })
      .from(subscriptions)
      .innerJoin(plans, and(eq(plans.tenantId, subscriptions.catalogTenantId), eq(plans.id, subscriptions.planId)))
      .innerJoin(products, and(eq(products.tenantId, plans.tenantId), eq(products.id, plans.productId)))
      .where(and(eq(subscriptions.tenantId, job.tenantId), eq(subscriptions.id, job.subscriptionId)));
    return found ?? null;
  });
  if (!row) return 'skipped';
  const { sub, sku, url } = row;
  const ref = { requestKey: job.requestKey, externalId: sub.externalId, sku, seats: sub.seats, url };
  const connector = connectorFor(connectors, sub.connector);
  const result =
    job.action === 'seats'
      ? await connector.changeSeats(ref, sub.seats)
      : job.action === 'plan'
        ? await connector.changePlan(ref, sku)
        : job.action === 'cancel'
          ? await connector.cancel(ref)
          : job.action === 'reactivate'
            ? await connector.reactivate(ref)
            : await connector.suspend(ref);
  if (result.status === 'pending') {
    // The manual connector: the distributor changes it at the vendor by hand.
    console.log(`subscription ${sub.id}: ${job.action} is for the distributor to carry out at the vendor (manual connector)`);
    return 'pending';
  }
  return 'sent';
}
