import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { getShelfProduct, listShelfProducts } from '@/lib/catalog/queries';
import { withTenant } from '@/lib/db/tenant';
import { markupRules, plans, products, resellerHiddenProducts, resellerListings, resellerOffers } from '@/lib/db/schema';
import { loadPricingContext } from '@/lib/pricing/offer';
import type { Tenant } from '@/lib/tenancy/types';
import { driverName } from './helpers/db';
import { createWorld, type World } from './helpers/world';

/** What a reseller sells: every product or a selection, less what it hid; hiding loses nothing. */

let w: World;
let eset: string;

const shelf = (tenant: Tenant, slug: string) =>
  withTenant(w.app.db, tenant.id, async (db) => getShelfProduct(db, (await loadPricingContext(db, tenant))!, slug, tenant.currencies));
const listed = (tenant: Tenant) =>
  withTenant(w.app.db, tenant.id, async (db) => (await listShelfProducts(db, (await loadPricingContext(db, tenant))!, { page: 1, pageSize: 100, locale: 'en' }, tenant.currencies)).items.map((p) => p.slug));

async function post(tenant: Tenant, email: string, body: Record<string, string>) {
  const { POST } = await import('@/app/api/admin/catalog/route');
  const response = await POST(w.request(tenant, '/api/admin/catalog', { cookie: await w.cookieFor(tenant, email), body }));
  return { status: response.status, body: (await response.json()) as { error?: { code: string; message: string } } };
}

beforeAll(async () => {
  w = await createWorld();
  [{ id: eset }] = (await w.db.select({ id: products.id }).from(products).where(eq(products.slug, 'eset-protect-entry'))) as [{ id: string }];
}, 60_000);
afterAll(async () => w?.drop());
beforeEach(() => w.install());

describe(`what a reseller sells (${driverName})`, () => {
  it('hides a product from the storefront and the cart, and shows it again with its markup and price', async () => {
    const acme = w.tenants.acme;
    await w.db.insert(markupRules).values({ tenantId: acme.id, catalogTenantId: w.tenants.northwind.id, scope: 'product', productId: eset, kind: 'percent', basisPoints: 5000 });
    const before = await shelf(acme, 'eset-protect-entry');
    expect(before).not.toBeNull();
    expect((await post(acme, 'admin@acme.test', { action: 'hide', productId: eset })).status).toBe(200);
    // Twice is the same as once.
    expect((await post(acme, 'admin@acme.test', { action: 'hide', productId: eset })).status).toBe(200);
    expect(await shelf(acme, 'eset-protect-entry')).toBeNull();
    expect(await listed(acme)).not.toContain('eset-protect-entry');
    // Nor can it be put in a cart by its plan id.
    const [monthly] = await w.db.select({ id: plans.id }).from(plans).where(eq(plans.sku, 'ES-PROTECT-ENTRY-M'));
    const { POST: add } = await import('@/app/api/cart/route');
    const cart = await add(w.request(acme, '/api/cart', { cookie: await w.cookieFor(acme, 'anna@contoso.test'), body: { planId: monthly!.id, seats: 1 } }));
    expect(cart.status).toBe(404);
    // Globex still sells it.
    expect(await shelf(w.tenants.globex, 'eset-protect-entry')).not.toBeNull();

    expect((await post(acme, 'admin@acme.test', { action: 'show', productId: eset })).status).toBe(200);
    expect(await shelf(acme, 'eset-protect-entry')).toEqual(before);
    expect(await w.db.$count(markupRules, and(eq(markupRules.tenantId, acme.id), eq(markupRules.productId, eset)))).toBe(1);
  });

  it('switches to selected products starting from everything it sold, then drops one', async () => {
    const acme = w.tenants.acme;
    const all = await listed(acme);
    expect((await post(acme, 'admin@acme.test', { action: 'mode', listing: 'selected' })).status).toBe(200);
    const [offer] = await w.db.select().from(resellerOffers).where(eq(resellerOffers.tenantId, acme.id));
    expect(offer!.listing).toBe('selected');
    expect(await listed(acme)).toEqual(all);
    expect((await post(acme, 'admin@acme.test', { action: 'deselect', productId: eset })).status).toBe(200);
    expect(await listed(acme)).toEqual(all.filter((s) => s !== 'eset-protect-entry'));
    expect((await post(acme, 'admin@acme.test', { action: 'select', productId: eset })).status).toBe(200);
    expect((await post(acme, 'admin@acme.test', { action: 'mode', listing: 'all' })).status).toBe(200);
    expect(await listed(acme)).toEqual(all);
  });

  it('refuses what is not its to change, with a clear answer and nothing changed', async () => {
    const acme = w.tenants.acme;
    const counts = async () => [await w.db.$count(resellerHiddenProducts), await w.db.$count(resellerListings)];
    const before = await counts();
    expect((await post(acme, 'admin@acme.test', { action: 'hide', productId: '00000000-0000-4000-8000-000000000000' })).status).toBe(404);
    const bogus = await post(acme, 'admin@acme.test', { action: 'burn', productId: eset });
    expect(bogus.status).toBe(422);
    expect((await post(acme, 'admin@acme.test', { action: 'mode', listing: 'some' })).status).toBe(422);
    expect((await post(acme, 'staff@acme.test', { action: 'hide', productId: eset })).status).toBe(403);
    expect((await post(acme, 'anna@contoso.test', { action: 'hide', productId: eset })).status).toBe(403);
    // The distributor sells its whole catalog.
    expect((await post(w.tenants.northwind, 'admin@northwind.test', { action: 'hide', productId: eset })).status).toBe(403);
    expect(await counts()).toEqual(before);
  });

  it.runIf(driverName !== 'pglite')('keeps each reseller’s choices to itself under row-level security', async () => {
    await withTenant(w.app.db, w.tenants.globex.id, (db) => db.insert(resellerHiddenProducts).values({ tenantId: w.tenants.globex.id, catalogTenantId: w.tenants.northwind.id, productId: eset }));
    const seen = await withTenant(w.app.db, w.tenants.acme.id, (db) => db.select().from(resellerHiddenProducts));
    expect(seen.filter((r) => r.tenantId === w.tenants.globex.id)).toEqual([]);
    await expect(withTenant(w.app.db, w.tenants.acme.id, (db) => db.insert(resellerHiddenProducts).values({ tenantId: w.tenants.globex.id, catalogTenantId: w.tenants.northwind.id, productId: eset }))).rejects.toThrow();
  });
});
