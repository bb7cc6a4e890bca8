import { and, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { isThemeName, THEME_NAMES } from '../../themes';
import type { Db } from '../db/client';
import { orderLines, orders, organizations, products, resaleLicensees, subscriptions, tenants, type LicenseeSnapshot, type StorefrontChoice } from '../db/schema';
import { DomainError } from '../errors';
import { SUPPORTED_LOCALES } from '../i18n/locales';
import type { PricedItem } from '../orders/pricing';
import type { Tenant } from '../tenancy/types';
import { reserveSlug } from './slugs';

type Organization = typeof organizations.$inferSelect;

/** The storefront a reseller company asks for at checkout (when it has none yet). */
export const storefrontRequest = z.object({
  slug: z.string().trim().max(100),
  theme: z.string().refine(isThemeName, `must be one of ${THEME_NAMES.join(', ')}`),
  languages: z.array(z.enum(SUPPORTED_LOCALES)).min(1, 'choose at least one language'),
  defaultLanguage: z.enum(SUPPORTED_LOCALES),
  currency: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as EUR'),
});
export type StorefrontRequest = z.output<typeof storefrontRequest>;

/** Per plan in the cart: `self` (the company's own use) or the id of one of its resale licensees. */
export const licenseeChoices = z.record(z.uuid(), z.union([z.literal('self'), z.uuid()]));

/**
 * The checkout form sends flat fields (`storefrontSlug`, `storefrontLanguage_de`, `licensee_<plan>`);
 * JSON clients may send `storefront` and `licensees` as objects. Both end up as the objects.
 */
export function collectCheckoutFields(raw: unknown): unknown {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return raw;
  const fields = { ...(raw as Record<string, unknown>) };
  const licensees: Record<string, unknown> = typeof fields.licensees === 'object' && fields.licensees ? { ...(fields.licensees as object) } : {};
  for (const [key, value] of Object.entries(fields)) {
    const plan = /^licensee_(.+)$/.exec(key)?.[1];
    if (plan) {
      licensees[plan] = value;
      delete fields[key];
    }
  }
  fields.licensees = licensees;
  if (typeof fields.storefrontSlug === 'string') {
    const languages = SUPPORTED_LOCALES.filter((l) => fields[`storefrontLanguage_${l}`]);
    fields.storefront = {
      slug: fields.storefrontSlug,
      theme: fields.storefrontTheme,
      languages,
      defaultLanguage: fields.storefrontDefaultLanguage,
      currency: fields.storefrontCurrency,
    };
  }
  for (const key of Object.keys(fields)) if (key.startsWith('storefront') && key !== 'storefront') delete fields[key];
  return fields;
}

export interface ResaleLine {
  licensee: LicenseeSnapshot | null;
  storefront: StorefrontChoice | null;
}

/**
 * What reselling asks of a checkout on the distributor's storefront (elsewhere: nothing), line by line, in the order's
 * transaction: storefront plans and orders for resale only for reselling-enabled companies; a
 * licensee for resale-only products; one storefront per company, at an address reserved for it
 * here (before any payment). Returns the licensee and storefront each line records.
 */
export async function checkResale(
  db: Db,
  tenant: Tenant,
  org: Organization,
  priced: PricedItem[],
  input: { licensees: Record<string, string>; storefront?: StorefrontRequest },
): Promise<ResaleLine[]> {
  if (org.suspendedAt) throw new DomainError('account_suspended');
  if (tenant.kind !== 'distributor') {
    // On a reseller's storefront its customers buy for themselves: that is the resale.
    if (Object.values(input.licensees).some((v) => v !== 'self')) {
      throw new DomainError('invalid_input', 'Licensees are named on the distributor’s storefront only.', { fields: ['licensees: not on this storefront'] });
    }
    return priced.map(() => ({ licensee: null, storefront: null }));
  }
  const chosen = [...new Set(Object.entries(input.licensees).filter(([planId, v]) => v !== 'self' && priced.some((p) => p.planId === planId)).map(([, v]) => v))];
  const licensees = chosen.length
    ? await db.select().from(resaleLicensees).where(and(eq(resaleLicensees.tenantId, tenant.id), eq(resaleLicensees.organizationId, org.id), inArray(resaleLicensees.id, chosen)))
    : [];
  const text = (p: PricedItem) => p.productName.en ?? p.sku;

  const storefrontLines = priced.filter((p) => p.productType === 'storefront_plan');
  if (storefrontLines.length && !org.resellingEnabled) throw new DomainError('reselling_required');
  if (storefrontLines.length > 1) throw new DomainError('invalid_input', 'Order one storefront plan at a time.', { fields: ['cart: one storefront plan at a time'] });
  let storefront: StorefrontChoice | null = null;
  if (storefrontLines.length) {
    await assertNoStorefrontPlan(db, tenant.id, org.id);
    if (org.resellerTenantId) {
      // A plan given outside any subscription (by the distributor, before storefront plans were
      // sold) is still a plan: buying another would silently replace it.
      const [own] = await db.select({ plan: tenants.plan }).from(tenants).where(eq(tenants.id, org.resellerTenantId));
      if (own && own.plan !== 'basic') throw new DomainError('storefront_exists');
    }
    if (!org.resellerTenantId) {
      const request = input.storefront;
      if (!request) throw new DomainError('invalid_input', 'Choose the address, theme and languages of your storefront.', { fields: ['storefront: required'] });
      if (!request.languages.includes(request.defaultLanguage)) {
        throw new DomainError('invalid_input', 'The main language must be one of the languages chosen.', { fields: ['storefront.defaultLanguage: not among the languages'] });
      }
      if (!tenant.currencies.includes(request.currency)) {
        throw new DomainError('invalid_input', `The storefront currency must be one of ${tenant.currencies.join(', ')}.`, { fields: [`storefront.currency: one of ${tenant.currencies.join(', ')}`] });
      }
      const slug = await reserveSlug(db, tenant.id, org, request.slug);
      storefront = { slug, theme: request.theme, locales: request.languages, defaultLocale: request.defaultLanguage, currency: request.currency };
    }
  }

  return priced.map((p) => {
    const choice = input.licensees[p.planId];
    if (p.productType === 'storefront_plan') {
      if (choice && choice !== 'self') throw new DomainError('invalid_input', 'A storefront plan is for your own company, not for a licensee.', { fields: [`${text(p)}: for your own company`] });
      return { licensee: null, storefront };
    }
    if (choice && choice !== 'self') {
      if (!org.resellingEnabled) throw new DomainError('reselling_required');
      const found = licensees.find((l) => l.id === choice);
      if (!found) throw new DomainError('not_found', 'That licensee is not one of your resale licensees.');
      return { licensee: { id: found.id, name: found.name, country: found.country, email: found.contactEmail, taxId: found.taxId }, storefront: null };
    }
    if (p.resaleOnly) {
      if (!org.resellingEnabled) throw new DomainError('reselling_required');
      throw new DomainError('licensee_required', undefined, { product: text(p) });
    }
    return { licensee: null, storefront: null };
  });
}

/**
 * One storefront plan per company: refused while one is active (or suspended), or still on its
 * way (an order placed, paid or provisioning). The company's row is locked first, so two
 * checkouts of one company are checked one after the other.
 */
async function assertNoStorefrontPlan(db: Db, distributorId: string, organizationId: string): Promise<void> {
  await db.select({ id: organizations.id }).from(organizations).where(and(eq(organizations.tenantId, distributorId), eq(organizations.id, organizationId))).for('update');
  const live = db
    .select({ id: subscriptions.id })
    .from(subscriptions)
    .innerJoin(products, and(eq(products.tenantId, subscriptions.catalogTenantId), eq(products.id, subscriptions.productId)))
    .where(and(eq(subscriptions.tenantId, distributorId), eq(subscriptions.organizationId, organizationId), inArray(subscriptions.status, ['active', 'suspended']), eq(products.type, 'storefront_plan')))
    .limit(1)
    .execute();
  const coming = db
    .select({ id: orderLines.id })
    .from(orderLines)
    .innerJoin(orders, and(eq(orders.tenantId, orderLines.tenantId), eq(orders.id, orderLines.orderId)))
    .where(
      and(
        eq(orderLines.tenantId, distributorId),
        eq(orders.organizationId, organizationId),
        eq(orderLines.connector, 'storefront'),
        eq(orderLines.kind, 'new'),
        inArray(orders.state, ['placed', 'paid', 'provisioning']),
        inArray(orderLines.state, ['pending', 'provisioning']),
      ),
    )
    .limit(1)
    .execute();
  const [[sub], [line]] = await Promise.all([live, coming]);
  if (sub || line) throw new DomainError('storefront_exists');
}
