import { randomUUID } from 'node:crypto';
import { and, desc, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db/client';
import { organizations, plans, products, subscriptions } from '../db/schema';
import { DomainError } from '../errors';
import type { Viewer } from '../identity/access';
import { writeOrder } from '../orders/place';
import { lockSubscription, recordEvent, syncVendor } from '../subscriptions/history';
import type { Tenant } from '../tenancy/types';
import { reserveSlug } from './slugs';

export const activationInput = z.object({
  organizationId: z.uuid(),
  /** A storefront-plan plan of the master catalog, or `none` to cancel the company's plan. */
  planId: z.union([z.uuid(), z.literal('none')]),
  /** The storefront address, when the company has neither a storefront nor a reserved address. */
  slug: z.string().trim().max(100).optional(),
});

/**
 * The distributor activates, changes or cancels a company's storefront plan from its console: the
 * same subscription and connector path as a purchase, without payment. A first plan is a
 * complimentary order (provisioned like any other); a change moves the subscription to the other
 * plan at once and tells the connector; `none` cancels it at once.
 */
export async function setCompanyPlan(db: Db, distributor: Tenant, viewer: Viewer, input: z.output<typeof activationInput>, now: Date): Promise<'activated' | 'changed' | 'cancelled' | 'unchanged'> {
  if (distributor.kind !== 'distributor') throw new DomainError('not_found');
  const [org] = await db
    .select()
    .from(organizations)
    .where(and(eq(organizations.tenantId, distributor.id), eq(organizations.id, input.organizationId)))
    .for('update');
  if (!org) throw new DomainError('not_found');
  const [current] = await db
    .select({ id: subscriptions.id })
    .from(subscriptions)
    .innerJoin(products, and(eq(products.tenantId, subscriptions.catalogTenantId), eq(products.id, subscriptions.productId)))
    .where(and(eq(subscriptions.tenantId, distributor.id), eq(subscriptions.organizationId, org.id), inArray(subscriptions.status, ['active', 'suspended']), eq(products.type, 'storefront_plan')))
    .orderBy(desc(subscriptions.createdAt))
    .limit(1);
  const sub = current ? await lockSubscription(db, distributor.id, current.id) : null;

  if (input.planId === 'none') {
    if (!sub) return 'unchanged';
    await db.update(subscriptions).set({ status: 'cancelled', cancelledAt: now, cancelAtPeriodEnd: false, scheduledPlanId: null, updatedAt: now }).where(and(eq(subscriptions.tenantId, sub.tenantId), eq(subscriptions.id, sub.id)));
    const eventId = await recordEvent(db, { tenantId: sub.tenantId, subscriptionId: sub.id, at: now, actor: viewer.email, kind: 'cancelled', seatsFrom: sub.seats });
    await syncVendor(db, sub, 'cancel', eventId);
    return 'cancelled';
  }

  const [target] = await db
    .select({ plan: plans, product: products })
    .from(plans)
    .innerJoin(products, and(eq(products.tenantId, plans.tenantId), eq(products.id, plans.productId)))
    .where(and(eq(plans.tenantId, distributor.id), eq(plans.id, input.planId), eq(products.type, 'storefront_plan')));
  if (!target) throw new DomainError('invalid_input', 'Choose one of the storefront plans.', { fields: ['planId: not a storefront plan'] });
  if (!org.resellingEnabled) throw new DomainError('reselling_required');

  if (sub) {
    if (sub.planId === target.plan.id) return 'unchanged';
    if (sub.billingPeriod !== target.plan.billingPeriod) {
      throw new DomainError('invalid_input', 'Change to a plan of the same billing period, or cancel the plan and activate the other one.', { fields: ['planId: another billing period'] });
    }
    // Given by the distributor: the subscription is free of charge from now on.
    await db
      .update(subscriptions)
      .set({ planId: target.plan.id, unitPrice: 0, unitCost: 0, unitWholesale: 0, scheduledPlanId: null, updatedAt: now })
      .where(and(eq(subscriptions.tenantId, sub.tenantId), eq(subscriptions.id, sub.id)));
    const eventId = await recordEvent(db, { tenantId: sub.tenantId, subscriptionId: sub.id, at: now, actor: viewer.email, kind: 'plan_changed', planFrom: sub.planId, planTo: target.plan.id });
    await syncVendor(db, sub, 'plan', eventId);
    return 'changed';
  }

  let storefront = null;
  if (!org.resellerTenantId) {
    const slug = await reserveSlug(db, distributor.id, org, input.slug || org.storefrontSlug || '');
    const currency = distributor.currencies.includes(org.currency) ? org.currency : distributor.defaultCurrency;
    storefront = { slug, theme: 'classic', locales: [distributor.defaultLocale], defaultLocale: distributor.defaultLocale, currency };
  }
  const { plan, product } = target;
  await writeOrder(
    db,
    distributor,
    viewer,
    org,
    'on_account',
    [
      {
        kind: 'new',
        subscriptionId: null,
        seatsBefore: null,
        catalogTenantId: distributor.id,
        productId: product.id,
        planId: plan.id,
        sku: plan.sku,
        productName: product.name,
        planName: plan.name,
        billingPeriod: plan.billingPeriod,
        termMonths: plan.termMonths,
        seats: 1,
        unitWholesale: 0,
        unitCost: 0,
        unitPrice: 0,
        amount: 0,
        connector: product.connectorKey,
        licensee: null,
        storefront,
      },
    ],
    { idempotencyKey: `console_${randomUUID()}`, locale: distributor.defaultLocale },
    now,
    { complimentary: `activated by ${viewer.email}` },
  );
  return 'activated';
}
