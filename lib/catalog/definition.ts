import { z } from 'zod';

/** The services definition a distributor imports: products with their plans and prices. */
const sku = z.string().trim().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{1,63}$/, 'must be 2–64 letters, digits, dots, dashes or underscores');
const slug = z.string().trim().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be lowercase words joined by dashes, e.g. cloud-backup');
const localized = z
  .partialRecord(z.enum(['en', 'de', 'fr']), z.string().trim().min(1).max(2000))
  .refine((v) => typeof v.en === 'string' && v.en.length > 0, 'needs an English text (en)');
const minorUnits = z.number().int('must be whole minor units (e.g. 1299 for 12.99)').nonnegative('cannot be negative');
const price = z
  .strictObject({ wholesale: minorUnits, msrp: minorUnits })
  .refine((p) => p.msrp >= p.wholesale, 'MSRP must not be below the wholesale price');

export const planDefinition = z.strictObject({
  sku,
  name: localized,
  billingPeriod: z.enum(['month', 'year']),
  termMonths: z.number().int().min(1).max(60),
  minSeats: z.number().int().min(1).default(1),
  maxSeats: z.number().int().min(1).max(1_000_000).default(300),
  cancellationWindowHours: z.number().int().min(0).max(24 * 365).default(168),
  /** For a storefront-plan product only: the reseller plan a subscription gives. */
  storefrontPlan: z.enum(['free', 'standard']).nullable().default(null),
  prices: z
    .record(z.string().regex(/^[A-Z]{3}$/, 'currency must be an ISO 4217 code such as EUR'), price)
    .refine((p) => Object.keys(p).length > 0, 'needs at least one price'),
}).refine((p) => p.maxSeats >= p.minSeats, { message: 'maxSeats must not be below minSeats', path: ['maxSeats'] });

export const productDefinition = z.strictObject({
  sku,
  slug,
  vendor: z.string().trim().min(1).max(80),
  category: slug,
  categoryName: localized.optional(),
  type: z.enum(['saas', 'license', 'service', 'storefront_plan']).default('saas'),
  resaleOnly: z.boolean().default(false),
  /**
   * How a sale is provisioned: `demo` (simulated), `http` (a vendor endpoint), `manual` (a task),
   * `storefront` (a reseller's own storefront, for storefront-plan products).
   */
  connector: z.enum(['demo', 'http', 'manual', 'storefront']).default('manual'),
  connectorUrl: z.url({ protocol: /^https?$/, error: 'connectorUrl must be an http(s) URL' }).max(500).nullable().default(null),
  featured: z.boolean().default(false),
  /** Product SKUs a subscription may move to mid-term (its vendor's upgrade path), e.g. Basic → Standard. */
  upgradesTo: z.array(sku).max(20, 'names at most 20 products to upgrade to').default([]),
  name: localized,
  description: localized,
  plans: z.array(planDefinition).min(1, 'needs at least one plan'),
})
  .refine((p) => (p.connector === 'http') === (p.connectorUrl !== null), {
    message: 'the http connector needs a connectorUrl, and only it takes one',
    path: ['connectorUrl'],
  })
  .refine((p) => (p.type === 'storefront_plan') === (p.connector === 'storefront'), {
    message: 'a storefront plan is provisioned by the storefront connector, and only it uses that connector',
    path: ['connector'],
  })
  .refine((p) => p.plans.every((plan) => (plan.storefrontPlan !== null) === (p.type === 'storefront_plan')), {
    message: 'every plan of a storefront-plan product names its storefrontPlan (free or standard), and only those do',
    path: ['plans'],
  })
  .refine((p) => !p.upgradesTo.includes(p.sku), {
    message: 'a product cannot upgrade to itself: name other product SKUs',
    path: ['upgradesTo'],
  })
  .refine((p) => p.type !== 'storefront_plan' || p.upgradesTo.length === 0, {
    message: 'a storefront plan has no upgrade path: its plans are changed from the reseller’s Plan page',
    path: ['upgradesTo'],
  })
  .refine((p) => p.type !== 'storefront_plan' || p.plans.every((plan) => plan.minSeats === 1 && plan.maxSeats === 1), {
    message: 'a storefront plan is one storefront: minSeats and maxSeats must be 1',
    path: ['plans'],
  });

export type ProductDefinition = z.output<typeof productDefinition>;
export type PlanDefinition = z.output<typeof planDefinition>;

