import type { Db } from '../db/client';
import { changeStorefrontPlan, followStorefrontSubscriptions, openStorefront } from './storefront';
import type { Connector } from '../provisioning/types';

/**
 * The distributor's own "vendor": a storefront-plan subscription is a reseller storefront. The
 * external id is the reseller tenant's id. Seats do not apply (a plan is one storefront).
 */
export function storefrontConnector(deps: { db: Db }): Connector {
  return {
    key: 'storefront',
    async provision(request) {
      const tenantId = await openStorefront(deps.db, {
        distributorId: request.tenantId,
        organizationId: request.customer.id,
        sku: request.sku,
        choice: request.storefront ?? null,
        requestKey: request.idempotencyKey,
      });
      return { status: 'provisioned', externalId: tenantId };
    },
    async changeSeats(subscription) {
      return { status: 'provisioned', externalId: subscription.externalId };
    },
    async changePlan(subscription, sku) {
      await changeStorefrontPlan(deps.db, subscription.externalId, sku);
      return { status: 'provisioned', externalId: subscription.externalId };
    },
    async suspend(subscription) {
      await followStorefrontSubscriptions(deps.db, subscription.externalId);
      return { status: 'provisioned', externalId: subscription.externalId };
    },
    async reactivate(subscription) {
      await followStorefrontSubscriptions(deps.db, subscription.externalId);
      return { status: 'provisioned', externalId: subscription.externalId };
    },
    async cancel(subscription) {
      await followStorefrontSubscriptions(deps.db, subscription.externalId);
      return { status: 'provisioned', externalId: subscription.externalId };
    },
  };
}
