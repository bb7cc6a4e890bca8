import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { DomainError } from '../errors';
import type { Db } from '../db/client';
import { categories, markupRules, products, resellerOffers } from '../db/schema';
import { catalogChanged } from '../tenancy/invalidate';
import type { Tenant } from '../tenancy/types';

const target = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be a category or product slug');
const scope = z.discriminatedUnion('scope', [
  z.strictObject({ scope: z.literal('all') }),
  z.strictObject({ scope: z.literal('category'), category: target }),
  z.strictObject({ scope: z.literal('product'), product: target }),
]);
const value = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('percent'),
    // Whole basis points (1250 = 12.5 %); below zero would sell under the reseller's cost.
    basisPoints: z.number().int('must be whole basis points (1250 = 12.5 %)').min(0, 'cannot be negative: that would sell below your cost').max(100_000),
  }),
  z.strictObject({
    kind: z.literal('fixed'),
    currency: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as EUR'),
    amount: z.number().int('must be whole minor units (250 = 2.50)').min(0, 'cannot be negative: that would sell below your cost').max(100_000_000),
  }),
]);

export const markupRuleInput = z.intersection(scope, value);
export type MarkupRuleInput = z.output<typeof markupRuleInput>;

async function offerOf(db: Db, tenant: Tenant) {
  const [offer] = await db.select().from(resellerOffers).where(eq(resellerOffers.tenantId, tenant.id));
  if (!offer) throw new DomainError('no_offer', 'This storefront has no offer yet: the distributor assigns a partner tier first.');
  return offer;
}

async function resolveTarget(db: Db, catalogTenantId: string, input: MarkupRuleInput) {
  if (input.scope === 'category') {
    const [c] = await db.select({ id: categories.id }).from(categories).where(and(eq(categories.tenantId, catalogTenantId), eq(categories.slug, input.category)));
    if (!c) throw new DomainError('not_found', `There is no category "${input.category}" in your catalog.`);
    return { categoryId: c.id, productId: null };
  }
  if (input.scope === 'product') {
    const [p] = await db.select({ id: products.id }).from(products).where(and(eq(products.tenantId, catalogTenantId), eq(products.slug, input.product)));
    if (!p) throw new DomainError('not_found', `There is no product "${input.product}" in your catalog.`);
    return { categoryId: null, productId: p.id };
  }
  return { categoryId: null, productId: null };
}

/**
 * Sets the reseller's markup for a level and target (replacing the one there, per currency for a
 * fixed amount), then expires the reseller's cached catalog so the storefront shows it at once.
 */
export async function setMarkupRule(db: Db, tenant: Tenant, input: MarkupRuleInput) {
  if (tenant.kind !== 'reseller') throw new DomainError('forbidden', 'Markups are set by resellers; the distributor sets wholesale prices.');
  if (input.kind === 'fixed' && !tenant.currencies.includes(input.currency)) {
    throw new DomainError('invalid_input', `This storefront does not sell in ${input.currency}; it offers ${tenant.currencies.join(', ')}.`);
  }
  const offer = await offerOf(db, tenant);
  const where = await resolveTarget(db, offer.catalogTenantId, input);
  await db.transaction(async (tx) => {
    await tx.delete(markupRules).where(
      and(
        eq(markupRules.tenantId, tenant.id),
        eq(markupRules.scope, input.scope),
        sql`coalesce(${markupRules.categoryId}, ${markupRules.productId}, '00000000-0000-0000-0000-000000000000'::uuid) = coalesce(${where.categoryId ?? where.productId}::uuid, '00000000-0000-0000-0000-000000000000'::uuid)`,
        sql`coalesce(${markupRules.currency}, '') = ${input.kind === 'fixed' ? input.currency : ''}`,
      ),
    );
    await tx.insert(markupRules).values({
      tenantId: tenant.id,
      catalogTenantId: offer.catalogTenantId,
      scope: input.scope,
      ...where,
      kind: input.kind,
      ...(input.kind === 'percent' ? { basisPoints: input.basisPoints } : { currency: input.currency, amount: input.amount }),
    });
  });
  await catalogChanged(db, tenant.id);
  return listMarkupRules(db, tenant);
}

export async function listMarkupRules(db: Db, tenant: Tenant) {
  return db
    .select({
      scope: markupRules.scope,
      category: categories.slug,
      product: products.slug,
      kind: markupRules.kind,
      basisPoints: markupRules.basisPoints,
      currency: markupRules.currency,
      amount: markupRules.amount,
    })
    .from(markupRules)
    .leftJoin(categories, and(eq(categories.tenantId, markupRules.catalogTenantId), eq(categories.id, markupRules.categoryId)))
    .leftJoin(products, and(eq(products.tenantId, markupRules.catalogTenantId), eq(products.id, markupRules.productId)))
    .where(eq(markupRules.tenantId, tenant.id))
    .orderBy(markupRules.scope, markupRules.currency);
}
