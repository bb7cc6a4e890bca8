import { and, eq, ne, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db/client';
import { products, resellerHiddenProducts, resellerListings, resellerOffers } from '../db/schema';
import { DomainError } from '../errors';
import { catalogChanged } from '../tenancy/invalidate';
import type { Tenant } from '../tenancy/types';
import type { PriceSheet, SheetPlan } from '../pricing/sheet';

/** What a reseller does with its distributor's catalog from the portal's catalog page. */
export const listingInput = z.discriminatedUnion('action', [
  z.object({ action: z.literal('mode'), listing: z.enum(['all', 'selected'], { error: 'must be all or selected' }) }),
  z.object({ action: z.enum(['hide', 'show', 'select', 'deselect']), productId: z.uuid('is not a product of the catalog') }),
]);
export type ListingInput = z.output<typeof listingInput>;

async function offerOf(db: Db, tenant: Tenant) {
  if (tenant.kind !== 'reseller') throw new DomainError('forbidden', 'The distributor sells its whole catalog; resellers choose what they list.');
  const [offer] = await db.select().from(resellerOffers).where(eq(resellerOffers.tenantId, tenant.id)).for('update');
  if (!offer) throw new DomainError('no_tier');
  return offer;
}

/**
 * Lists all products or only selected ones, hides a product or shows it again, selects or drops it
 * from the list; published at once. Hiding keeps everything about the product (markups, contract
 * prices, subscriptions): showing it brings it back as it was. Switching to "selected" with an
 * empty list starts from everything shown today, so the storefront does not empty at a click.
 * Each action is safe to repeat.
 */
export async function changeListing(db: Db, tenant: Tenant, input: ListingInput): Promise<void> {
  const offer = await offerOf(db, tenant);
  if (input.action === 'mode') {
    if (input.listing === offer.listing) return;
    if (input.listing === 'selected' && (await db.$count(resellerListings, eq(resellerListings.tenantId, tenant.id))) === 0) {
      await db.execute(sql`
        insert into ${resellerListings} (tenant_id, catalog_tenant_id, product_id)
        select ${tenant.id}::uuid, ${offer.catalogTenantId}::uuid, ${products.id} from ${products}
        where ${products.tenantId} = ${offer.catalogTenantId} and ${products.type} <> 'storefront_plan'
        on conflict do nothing`);
    }
    await db.update(resellerOffers).set({ listing: input.listing }).where(eq(resellerOffers.tenantId, tenant.id));
  } else {
    const [product] = await db
      .select({ id: products.id })
      .from(products)
      .where(and(eq(products.tenantId, offer.catalogTenantId), eq(products.id, input.productId), ne(products.type, 'storefront_plan')));
    if (!product) throw new DomainError('not_found', 'There is no such product in your catalog.');
    const row = { tenantId: tenant.id, catalogTenantId: offer.catalogTenantId, productId: product.id };
    if (input.action === 'hide') await db.insert(resellerHiddenProducts).values(row).onConflictDoNothing();
    if (input.action === 'show') await db.delete(resellerHiddenProducts).where(and(eq(resellerHiddenProducts.tenantId, tenant.id), eq(resellerHiddenProducts.productId, product.id)));
    if (input.action === 'select') await db.insert(resellerListings).values(row).onConflictDoNothing();
    if (input.action === 'deselect') await db.delete(resellerListings).where(and(eq(resellerListings.tenantId, tenant.id), eq(resellerListings.productId, product.id)));
  }
  await catalogChanged(db, tenant.id);
}

/** The reseller's choices: which products it hid and which it selected. */
export async function listingState(db: Db, tenantId: string): Promise<{ hidden: Set<string>; selected: Set<string> }> {
  const [hidden, selected] = await Promise.all([
    db.select({ id: resellerHiddenProducts.productId }).from(resellerHiddenProducts).where(eq(resellerHiddenProducts.tenantId, tenantId)).execute(),
    db.select({ id: resellerListings.productId }).from(resellerListings).where(eq(resellerListings.tenantId, tenantId)).execute(),
  ]);
  return { hidden: new Set(hidden.map((r) => r.id)), selected: new Set(selected.map((r) => r.id)) };
}

export interface CatalogProduct {
  productId: string;
  slug: string;
  name: SheetPlan['productName'];
  vendor: string;
  categoryId: string;
  categorySlug: string;
  plans: SheetPlan[];
  text: string;
}

const grouped = new WeakMap<PriceSheet, CatalogProduct[]>();

/** The sheet's plans grouped by product, in catalog order (computed once per sheet). */
export function catalogProducts(sheet: PriceSheet): CatalogProduct[] {
  let list = grouped.get(sheet);
  if (list) return list;
  const byId = new Map<string, CatalogProduct>();
  list = [];
  for (const plan of sheet.plans) {
    let product = byId.get(plan.productId);
    if (!product) {
      product = { productId: plan.productId, slug: plan.productSlug, name: plan.productName, vendor: plan.vendor, categoryId: plan.categoryId, categorySlug: plan.categorySlug, plans: [], text: plan.text };
      byId.set(plan.productId, product);
      list.push(product);
    }
    product.plans.push(plan);
  }
  grouped.set(sheet, list);
  return list;
}
