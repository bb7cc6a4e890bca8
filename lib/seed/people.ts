import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { memberships, organizations, partnerTiers, tenants, users } from '../db/schema';
import type { Role } from '../identity/access';

interface PersonSeed {
  email: string;
  name: string;
  role: Role;
}

interface OrgSeed {
  name: string;
  country: string;
  currency: string;
  /** Buying on account, up to this limit in minor units of the currency (absent: card only). */
  creditLimit?: number;
  people: PersonSeed[];
  /** A reseller company on the distributor's storefront: reselling enabled, maybe with its storefront. */
  reseller?: { storefront?: string; tier?: string; suspended?: boolean };
}

/** Who can sign in on each demo storefront (README: "Signing in locally"). */
export const DEMO_PEOPLE: Record<string, { staff: PersonSeed[]; organizations: OrgSeed[] }> = {
  northwind: {
    staff: [{ email: 'admin@northwind.test', name: 'Nora Northwind', role: 'distributor_admin' }],
    // The reseller companies (each demo reseller's, linked to its storefront) and a direct customer.
    organizations: [
      { name: 'Acme Cloud Solutions', country: 'US', currency: 'USD', creditLimit: 5_000_000, people: [{ email: 'admin@acme.test', name: 'Ada Acme', role: 'customer_admin' }], reseller: { storefront: 'acme', tier: 'Gold' } },
      { name: 'Globex IT-Services', country: 'DE', currency: 'EUR', creditLimit: 2_000_000, people: [{ email: 'admin@globex.test', name: 'Gerd Globex', role: 'customer_admin' }], reseller: { storefront: 'globex', tier: 'Silver' } },
      { name: 'Initech Systems', country: 'GB', currency: 'GBP', creditLimit: 1_000_000, people: [{ email: 'admin@initech.test', name: 'Ian Initech', role: 'customer_admin' }], reseller: { storefront: 'initech', tier: 'Silver' } },
      { name: 'Umbrella Networks', country: 'FR', currency: 'EUR', creditLimit: 1_000_000, people: [{ email: 'admin@umbrella.test', name: 'Uma Umbrella', role: 'customer_admin' }], reseller: { storefront: 'umbrella', tier: 'Gold', suspended: true } },
      // Reselling enabled, no storefront yet: buys its Free plan in the demo (README).
      { name: 'Newco Ltd', country: 'NL', currency: 'EUR', creditLimit: 1_000_000, people: [{ email: 'nina@newco.test', name: 'Nina Newco', role: 'customer_admin' }], reseller: {} },
      // A direct customer of the distributor: may not buy storefront plans nor order for resale.
      { name: 'Litware Inc', country: 'US', currency: 'USD', creditLimit: 1_000_000, people: [{ email: 'lee@litware.test', name: 'Lee Litware', role: 'customer_admin' }] },
    ],
  },
  acme: {
    staff: [
      { email: 'admin@acme.test', name: 'Ada Acme', role: 'reseller_admin' },
      { email: 'staff@acme.test', name: 'Sam Staff', role: 'reseller_staff' },
    ],
    organizations: [
      {
        name: 'Contoso Ltd',
        country: 'US',
        currency: 'USD',
        creditLimit: 5_000_000,
        people: [
          { email: 'anna@contoso.test', name: 'Anna Admin', role: 'customer_admin' },
          { email: 'ben@contoso.test', name: 'Ben Member', role: 'customer_member' },
        ],
      },
      // A small limit, so the demo shows an order on account being refused over it.
      { name: 'Fabrikam Inc', country: 'US', currency: 'USD', creditLimit: 5_000, people: [{ email: 'fay@fabrikam.test', name: 'Fay Fabrikam', role: 'customer_admin' }] },
      {
        name: 'Tailspin Toys',
        country: 'US',
        currency: 'USD',
        creditLimit: 5_000_000,
        people: [
          { email: 'tess@tailspin.test', name: 'Tess Tailspin', role: 'customer_admin' },
          { email: 'tim@tailspin.test', name: 'Tim Tailspin', role: 'customer_member' },
        ],
      },
    ],
  },
  globex: {
    staff: [{ email: 'admin@globex.test', name: 'Gerd Globex', role: 'reseller_admin' }],
    organizations: [
      {
        name: 'Initrode GmbH',
        country: 'DE',
        currency: 'EUR',
        creditLimit: 2_000_000,
        people: [
          { email: 'ida@initrode.test', name: 'Ida Initrode', role: 'customer_admin' },
          { email: 'max@initrode.test', name: 'Max Mitglied', role: 'customer_member' },
        ],
      },
    ],
  },
  initech: { staff: [{ email: 'admin@initech.test', name: 'Ian Initech', role: 'reseller_admin' }], organizations: [] },
  umbrella: { staff: [{ email: 'admin@umbrella.test', name: 'Uma Umbrella', role: 'reseller_admin' }], organizations: [] },
};

/** The demo organisations' billing addresses: street, postal code, city. */
const ADDRESSES: Record<string, [string, string, string]> = {
  'Acme Cloud Solutions': ['500 Market Street', 'CA 94105', 'San Francisco'],
  'Globex IT-Services': ['Friedrichstraße 20', '10117', 'Berlin'],
  'Initech Systems': ['10 Finsbury Square', 'EC2A 1AF', 'London'],
  'Umbrella Networks': ['12 rue de la Paix', '75002', 'Paris'],
  'Newco Ltd': ['Herengracht 500', '1017 CB', 'Amsterdam'],
  'Litware Inc': ['1 Litware Plaza', 'WA 98052', 'Redmond'],
  'Contoso Ltd': ['1 Contoso Way', 'WA 98101', 'Seattle'],
  'Fabrikam Inc': ['200 Fabrikam Road', 'TX 75201', 'Dallas'],
  'Tailspin Toys': ['33 Tailspin Lane', 'OR 97201', 'Portland'],
  'Initrode GmbH': ['Industriestraße 5', '80331', 'München'],
};

async function person(db: Db, tenantId: string, p: PersonSeed, organizationId: string | null) {
  await db.insert(users).values({ tenantId, email: p.email, name: p.name, emailVerified: new Date() }).onConflictDoNothing();
  const [user] = await db.select({ id: users.id }).from(users).where(and(eq(users.tenantId, tenantId), eq(users.email, p.email)));
  await db.insert(memberships).values({ tenantId, userId: user!.id, organizationId, role: p.role }).onConflictDoNothing();
}

/** Demo staff, customer organisations and their people. Idempotent. */
export async function seedDemoPeople(db: Db): Promise<void> {
  for (const [slug, seed] of Object.entries(DEMO_PEOPLE)) {
    const [tenant] = await db.select().from(tenants).where(eq(tenants.slug, slug));
    if (!tenant) continue;
    for (const p of seed.staff) await person(db, tenant.id, p, null);
    for (const org of seed.organizations) {
      let [row] = await db.select().from(organizations).where(and(eq(organizations.tenantId, tenant.id), eq(organizations.name, org.name)));
      row ??= (
        await db
          .insert(organizations)
          .values({
            tenantId: tenant.id,
            name: org.name,
            country: org.country,
            currency: org.currency,
            billingEmail: org.people[0]!.email,
            ...(ADDRESSES[org.name] ? { street: ADDRESSES[org.name]![0], postalCode: ADDRESSES[org.name]![1], city: ADDRESSES[org.name]![2] } : {}),
            onAccount: org.creditLimit !== undefined,
            creditLimit: org.creditLimit ?? 0,
            ...(org.reseller ? await resellerColumns(db, tenant.id, org.reseller) : {}),
          })
          .returning()
      )[0];
      for (const p of org.people) await person(db, tenant.id, p, row!.id);
    }
  }
}

async function resellerColumns(db: Db, distributorId: string, seed: NonNullable<OrgSeed['reseller']>) {
  const [storefront] = seed.storefront ? await db.select({ id: tenants.id }).from(tenants).where(eq(tenants.slug, seed.storefront)) : [];
  const [tier] = seed.tier ? await db.select({ id: partnerTiers.id }).from(partnerTiers).where(and(eq(partnerTiers.tenantId, distributorId), eq(partnerTiers.name, seed.tier))) : [];
  return {
    resellingEnabled: true,
    resellerTenantId: storefront?.id ?? null,
    storefrontSlug: storefront ? seed.storefront! : null,
    partnerTierId: tier?.id ?? null,
    suspendedAt: seed.suspended ? new Date() : null,
  };
}
