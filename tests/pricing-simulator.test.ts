import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { getShelfProduct } from '@/lib/catalog/queries';
import { withTenant } from '@/lib/db/tenant';
import { categories, markupRules, planPrices, plans, products } from '@/lib/db/schema';
import { loadPricingContext, type PricingContext } from '@/lib/pricing/offer';
import { priceSheet } from '@/lib/pricing/sheet';
import { parseSimulation, readChange, resolveChange, simulate, type SimulationQuery } from '@/lib/pricing/simulator';
import { driverName } from './helpers/db';
import { createWorld, type World } from './helpers/world';

/** The reseller portal's markup simulator and the saving of its change, in Acme's terms. */

let w: World;
const acme = () => w.tenants.acme;
const scoped = <T>(fn: Parameters<typeof withTenant<T>>[2]) => withTenant(w.app.db, acme().id, fn);
const query = (q: Partial<SimulationQuery> = {}): SimulationQuery => ({ show: 'affected', sort: 'name', dir: 'asc', page: 1, pageSize: 500, locale: 'en', ...q });
type Reseller = Extract<PricingContext, { kind: 'reseller' }>;

async function acmeSimulation(search: Record<string, string>, q: Partial<SimulationQuery> = {}) {
  return scoped(async (db) => {
    const ctx = (await loadPricingContext(db, acme())) as Reseller;
    const sheet = await priceSheet(db, ctx.catalogTenantId);
    const { input } = parseSimulation(search);
    const change = input ? resolveChange(sheet, ctx.rules, acme().currencies, readChange(input)) : null;
    return simulate(sheet, ctx, change, acme().currencies, query(q));
  });
}

/** The security plans' wholesale prices in Acme's currencies, read straight from the catalog. */
async function securityPrices() {
  return w.db
    .select({ sku: plans.sku, currency: planPrices.currency, wholesale: planPrices.wholesale })
    .from(planPrices)
    .innerJoin(plans, and(eq(plans.tenantId, planPrices.tenantId), eq(plans.id, planPrices.planId)))
    .innerJoin(products, and(eq(products.tenantId, plans.tenantId), eq(products.id, plans.productId)))
    .innerJoin(categories, and(eq(categories.tenantId, products.tenantId), eq(categories.id, products.categoryId)))
    .where(and(eq(categories.slug, 'security'), inArray(planPrices.currency, ['USD', 'EUR'])));
}

/** Gold: 20 % off wholesale, rounded down; the markup rounded up; Acme's prices end in .99. */
function expectedSell(wholesale: number, markupBasisPoints: number) {
  const cost = wholesale - Math.floor((wholesale * 2000) / 10_000);
  const beforeRounding = cost + Math.ceil((cost * markupBasisPoints) / 10_000);
  const ending = Math.floor(beforeRounding / 100) * 100 + 99;
  return { cost, sell: ending >= beforeRounding ? ending : ending + 100 };
}

/** The pricing page's form, posted as a browser does. */
const save = async (email: string, body: Record<string, string>) => {
  const { POST } = await import('@/app/api/admin/pricing/route');
  const json = w.request(acme(), '/api/admin/pricing', { cookie: await w.cookieFor(acme(), email) });
  const headers = { ...Object.fromEntries(json.headers), 'content-type': 'application/x-www-form-urlencoded' };
  return POST(new Request(json.url, { method: 'POST', headers, body: new URLSearchParams(body).toString() }));
};
const acmeRules = () => w.db.select().from(markupRules).where(eq(markupRules.tenantId, acme().id));

beforeAll(async () => {
  w = await createWorld();
}, 60_000);
afterAll(async () => w?.drop());
beforeEach(() => w.install());

describe(`markup simulator (${driverName})`, () => {
  it('prices every security plan in each currency step by step under 30 % instead of 45 %', async () => {
    const sim = await acmeSimulation({ scope: 'category', category: 'security', kind: 'percent', percent: '30', rounding: '99' });
    const prices = await securityPrices();
    expect(prices.length).toBeGreaterThan(0);
    expect(sim.affected).toBe(prices.length);
    expect(sim.rows).toHaveLength(prices.length);
    expect(sim.belowCost).toEqual([]);
    for (const p of prices) {
      const row = sim.rows.find((r) => r.plan.planSku === p.sku && r.currency === p.currency)!;
      const proposed = expectedSell(p.wholesale, 3000);
      const today = expectedSell(p.wholesale, 4500);
      expect(row.proposed).toMatchObject({ wholesale: p.wholesale, tierDiscount: p.wholesale - proposed.cost, cost: proposed.cost, sell: proposed.sell, margin: proposed.sell - proposed.cost });
      expect(row.proposed.cost + row.proposed.markup + row.proposed.rounding).toBe(row.proposed.sell);
      expect(row.today.sell).toBe(today.sell);
      expect(row.change).toBe(proposed.sell - today.sell);
      expect(row.marginBasisPoints).toBe(Math.floor(((proposed.sell - proposed.cost) * 10_000) / proposed.sell));
    }
    expect(sim.changed).toBe(sim.rows.filter((r) => r.change !== 0).length);
    expect(sim.changed).toBeGreaterThan(0);
  });

  it('sorts, filters and pages on the server', async () => {
    const change = { scope: 'all', kind: 'percent', percent: '25', rounding: 'none' };
    const all = await acmeSimulation(change, { show: 'all' });
    const byMargin = await acmeSimulation(change, { show: 'all', sort: 'margin', dir: 'desc', pageSize: 5 });
    expect(byMargin.total).toBe(all.total);
    expect(byMargin.rows.map((r) => r.proposed.margin)).toEqual(all.rows.map((r) => r.proposed.margin).sort((a, b) => b - a).slice(0, 5));
    const second = await acmeSimulation(change, { show: 'all', sort: 'margin', dir: 'desc', pageSize: 5, page: 2 });
    expect(second.rows.map((r) => `${r.plan.planSku}:${r.currency}`)).toEqual(
      (await acmeSimulation(change, { show: 'all', sort: 'margin', dir: 'desc', pageSize: 10 })).rows.slice(5).map((r) => `${r.plan.planSku}:${r.currency}`),
    );
    const eur = await acmeSimulation(change, { show: 'all', cur: 'EUR', cat: 'backup', q: 'acronis' });
    expect(eur.rows.length).toBeGreaterThan(0);
    expect(eur.rows.every((r) => r.currency === 'EUR' && r.plan.categorySlug === 'backup' && r.plan.productName.en!.includes('Acronis'))).toBe(true);
    // Acme sells in USD and EUR: GBP, priced in the catalog, is not among its rows.
    expect(all.rows.some((r) => r.currency === 'GBP')).toBe(false);
  });

  it('names each plan a markup below cost would sell under it', async () => {
    const sim = await acmeSimulation({ scope: 'product', product: 'keeper-business', kind: 'percent', percent: '-5', rounding: '99' }, { show: 'below' });
    expect(sim.belowCost.map((b) => `${b.plan.planSku} ${b.currency}`).sort()).toEqual(['KP-BUS-M EUR', 'KP-BUS-M USD', 'KP-BUS-Y EUR', 'KP-BUS-Y USD']);
    expect(sim.belowCostCount).toBe(4);
    expect(sim.rows.every((r) => r.proposed.sell - r.proposed.rounding < r.proposed.cost)).toBe(true);
  });

  it('saves and publishes a change: the storefront prices ESET with the new markup at once', async () => {
    const before = await acmeRules();
    const response = await save('admin@acme.test', { returnTo: '/admin/pricing?scope=category&category=security', scope: 'category', category: 'security', kind: 'percent', percent: '30', rounding: '99' });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/admin/pricing?notice=pricesPublished');
    const rules = await acmeRules();
    expect(rules.filter((r) => r.scope === 'category').map((r) => r.basisPoints)).toEqual([3000]);
    expect(rules.filter((r) => r.scope === 'all')).toEqual(before.filter((r) => r.scope === 'all'));
    const shown = await scoped(async (db) => getShelfProduct(db, (await loadPricingContext(db, acme()))!, 'eset-protect-entry', acme().currencies));
    const [monthly] = (await securityPrices()).filter((p) => p.sku === 'ES-PROTECT-ENTRY-M' && p.currency === 'USD');
    expect(shown!.plans.find((p) => p.sku === 'ES-PROTECT-ENTRY-M')!.prices.USD).toBe(expectedSell(monthly!.wholesale, 3000).sell);
  });

  it('refuses a change below cost, naming the plans, and keeps every rule', async () => {
    const before = await acmeRules();
    const response = await save('admin@acme.test', { returnTo: '/admin/pricing', scope: 'product', product: 'keeper-business', kind: 'fixed', fixedCurrency: 'USD', amount: '-1.00', rounding: '99' });
    expect(response.status).toBe(303);
    const location = new URL(response.headers.get('location')!, 'http://x');
    expect(location.searchParams.get('error')).toBe('below_cost');
    expect(location.searchParams.get('details')).toMatch(/Keeper Business.*\(KP-BUS-M, USD\).*\(KP-BUS-Y, USD\)/);
    expect(location.searchParams.get('details')).not.toMatch(/EUR/);
    expect(await acmeRules()).toEqual(before);
  });

  it('answers bad input with the field named and the right status, changing nothing', async () => {
    const before = await acmeRules();
    const json = async (body: Record<string, string>, email = 'admin@acme.test') => {
      const { POST } = await import('@/app/api/admin/pricing/route');
      const response = await POST(w.request(acme(), '/api/admin/pricing', { cookie: await w.cookieFor(acme(), email), body }));
      return { status: response.status, body: (await response.json()) as { error?: { code: string; message: string; details?: string[] } } };
    };
    const bad = await json({ scope: 'all', kind: 'percent', percent: 'thirty', rounding: '99' });
    expect(bad.status).toBe(422);
    expect(bad.body.error!.details!.join(' ')).toMatch(/percent: must be a percentage/);
    expect((await json({ scope: 'product', product: 'no-such-product', kind: 'percent', percent: '10', rounding: '99' })).status).toBe(404);
    const gbp = await json({ scope: 'all', kind: 'fixed', fixedCurrency: 'GBP', amount: '1.00', rounding: '99' });
    expect(gbp.status).toBe(422);
    expect(gbp.body.error!.message).toMatch(/does not sell in GBP/);
    expect((await json({ scope: 'all', kind: 'fixed', fixedCurrency: 'USD', amount: '1.001', rounding: '99' })).status).toBe(422);
    expect((await json({ scope: 'all', kind: 'percent', percent: '10', rounding: 'sometimes' })).status).toBe(422);
    // Staff see the simulator; only the storefront's admins publish prices.
    expect((await json({ scope: 'all', kind: 'percent', percent: '10', rounding: '99' }, 'staff@acme.test')).status).toBe(403);
    // A customer of the storefront is no admin of it.
    expect((await json({ scope: 'all', kind: 'percent', percent: '10', rounding: '99' }, 'anna@contoso.test')).status).toBe(403);
    expect(await acmeRules()).toEqual(before);
  });

  it('reads the simulator state from the query string, naming what it cannot read', () => {
    const { input, filter, problems } = parseSimulation({ scope: 'category', category: 'security', kind: 'percent', percent: '12,5', rounding: '95', sort: 'margin', dir: 'sideways', cur: 'eur' });
    expect(input).toMatchObject({ scope: 'category', category: 'security', percent: '12,5' });
    expect(readChange(input!).rule).toEqual({ kind: 'percent', basisPoints: 1250 });
    expect(filter).toMatchObject({ sort: 'margin', dir: 'asc', show: 'affected' });
    expect(problems.join('; ')).toMatch(/dir: must be asc or desc; cur: is not one of the choices|cur: is not one of the choices; dir: must be asc or desc/);
    expect(parseSimulation({ scope: 'category', kind: 'percent', percent: '10', rounding: 'none' }).problems.join()).toMatch(/category: choose a category/);
  });
});
