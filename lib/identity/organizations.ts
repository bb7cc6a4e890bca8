import { and, asc, eq, gt, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import { now as clockNow } from '../clock';
import { countryCode } from '../input/countries';
import { checkTaxId, isEuCountry, TAX_ID_EXAMPLES, vatPrefix } from '../input/tax-ids';
import { askVies } from './vies';
import type { Db } from '../db/client';
import { afterCommit } from '../db/tenant';
import { forgetViewers } from './viewer';
import { invitations, memberships, organizations, users, type BillingSnapshot } from '../db/schema';
import type { Tenant } from '../tenancy/types';
import { DomainError, invalidInput } from '../errors';
import { can, staffRoles, type Role, type Viewer } from './access';
import { acceptInvitations } from './invitations';
import { invitationMail } from './mails';

const organizationFields = {
  name: z.string().trim().min(2, 'at least 2 characters').max(120),
  country: countryCode,
  billingEmail: z.string().trim().toLowerCase().email('a valid email address'),
  street: z.string().trim().min(2, 'the street and number, at least 2 characters').max(120, 'at most 120 characters'),
  postalCode: z.string().trim().max(20, 'at most 20 characters').regex(/^[A-Za-z0-9 -]*$/, 'letters, digits, spaces and dashes only'),
  city: z.string().trim().min(1, 'the city or town').max(80, 'at most 80 characters'),
  currency: z.string().trim().toUpperCase().regex(/^[A-Z]{3}$/, 'an ISO currency code such as EUR'),
};

/** The tax id checked for the organisation's country and kept in its compact form ("DE 136 695 976" → DE136695976). */
function checkedTaxId<T extends { country: string; taxId: string | null }>(org: T, ctx: z.RefinementCtx): T {
  if (!org.taxId) return org;
  const checked = checkTaxId(org.country, org.taxId);
  if (checked.ok) return { ...org, taxId: checked.value };
  const example = TAX_ID_EXAMPLES[org.country] ?? `${vatPrefix(org.country)}…`;
  const message = {
    country: `this number is of another country than ${org.country}; choose the organisation's country or enter its number for ${org.country}`,
    format: `this is not the form of a VAT number of ${org.country} (for example ${example})`,
    check_digit: `its check digit does not match: check the number for a typo (for example ${example})`,
  }[checked.problem];
  ctx.addIssue({ code: 'custom', path: ['taxId'], message });
  return z.NEVER;
}

export const organizationInput = z
  .strictObject({ ...organizationFields, postalCode: organizationFields.postalCode.optional().default(''), taxId: z.string().trim().max(40).optional().transform((v) => v || null) })
  .transform(checkedTaxId);

/** An organisation's details saved as a whole: the tax id is sent empty when there is none, never left out. */
export const organizationUpdate = z
  .strictObject({ ...organizationFields, organizationId: z.uuid('not a valid id'), taxId: z.string().trim().max(40).transform((v) => v || null) })
  .transform(checkedTaxId);
export type OrganizationDetails = z.output<typeof organizationInput>;

/** The billing party as documents keep it: what the invoice prints, frozen when it is issued. */
export function billingSnapshot(org: Pick<typeof organizations.$inferSelect, 'name' | 'country' | 'billingEmail' | 'taxId' | 'street' | 'postalCode' | 'city'>): BillingSnapshot {
  const place = [org.postalCode, org.city].filter(Boolean).join(' ');
  const address = [org.street, place].filter(Boolean).join('\n') || null;
  return { name: org.name, country: org.country, email: org.billingEmail, taxId: org.taxId, address };
}

/**
 * An EU VAT number is also asked of VIES: a number VIES says is not registered is refused, one it
 * confirms is marked verified, and no answer keeps it unverified without holding anyone up.
 */
export async function viesVerdict(country: string, taxId: string | null, now: Date = clockNow()): Promise<Date | null> {
  if (!taxId || !isEuCountry(country)) return null;
  const answer = await askVies(country, taxId);
  if (answer === 'invalid') {
    throw invalidInput(`taxId: the EU's VIES service says ${taxId} is not a registered VAT number`, [`taxId: the EU's VIES service says ${taxId} is not a registered VAT number; check it, or leave the field empty`]);
  }
  return answer === 'valid' ? now : null;
}

export const inviteInput = z.strictObject({
  email: z.string().trim().toLowerCase().email('a valid email address'),
  role: z.enum(['distributor_admin', 'reseller_admin', 'reseller_staff', 'customer_admin', 'customer_member']),
});

const INVITATION_DAYS = 7;

function assertCurrency(tenant: Tenant, currency: string) {
  if (!tenant.currencies.includes(currency)) {
    throw invalidInput(`currency: this storefront sells in ${tenant.currencies.join(', ')}`, [`currency: one of ${tenant.currencies.join(', ')}`]);
  }
}

/** A signed-in visitor creates a customer organisation and becomes its admin. */
export async function createOrganization(db: Db, tenant: Tenant, viewer: Viewer, input: OrganizationDetails, vies?: Date | null) {
  if (!can(viewer, tenant, 'organization:create')) throw new DomainError('has_organization');
  assertCurrency(tenant, input.currency);
  // Asked before the transaction where the route can (`viesVerdict` as its `prepare`).
  const taxIdVerifiedAt = vies !== undefined ? vies : await viesVerdict(input.country, input.taxId);
  return db.transaction(async (tx) => {
    // The storefront's default for new customers: on account, with its default limit where the
    // organisation pays in the storefront's default currency (in another, the admin sets one).
    const credit = tenant.onAccountDefault ? { onAccount: true, creditLimit: input.currency === tenant.defaultCurrency ? tenant.defaultCreditLimit : 0 } : {};
    const [org] = await tx.insert(organizations).values({ tenantId: tenant.id, ...input, taxIdVerifiedAt, ...credit }).returning();
    await tx.insert(memberships).values({ tenantId: tenant.id, userId: viewer.userId, organizationId: org!.id, role: 'customer_admin' });
    await afterCommit(tx, async () => forgetViewers(tenant.id));
    return org!;
  });
}

export async function updateOrganization(db: Db, tenant: Tenant, organizationId: string, input: OrganizationDetails, vies?: Date | null) {
  assertCurrency(tenant, input.currency);
  const [before] = await db.select({ taxId: organizations.taxId, country: organizations.country, verifiedAt: organizations.taxIdVerifiedAt }).from(organizations).where(and(eq(organizations.tenantId, tenant.id), eq(organizations.id, organizationId)));
  if (!before) throw new DomainError('not_found');
  // VIES is asked again only for a number it has not confirmed yet.
  const unchanged = before.taxId === input.taxId && before.country === input.country && before.verifiedAt;
  const taxIdVerifiedAt = unchanged ? before.verifiedAt : vies !== undefined ? vies : await viesVerdict(input.country, input.taxId);
  const [org] = await db
    .update(organizations)
    .set({ ...input, taxIdVerifiedAt })
    .where(and(eq(organizations.tenantId, tenant.id), eq(organizations.id, organizationId)))
    .returning();
  if (!org) throw new DomainError('not_found');
  // Its name is kept with its members' cached roles.
  await afterCommit(db, async () => forgetViewers(tenant.id));
  return org;
}

export async function getOrganization(db: Db, tenantId: string, organizationId: string) {
  const [org] = await db.select().from(organizations).where(and(eq(organizations.tenantId, tenantId), eq(organizations.id, organizationId)));
  return org ?? null;
}

/** Members of an organisation (or, with `null`, the tenant's staff) and their open invitations. */
export async function listMembers(db: Db, tenantId: string, organizationId: string | null) {
  const scope = organizationId ? eq(memberships.organizationId, organizationId) : isNull(memberships.organizationId);
  const members = await db
    .select({ id: memberships.id, role: memberships.role, userId: users.id, email: users.email, name: users.name })
    .from(memberships)
    .innerJoin(users, and(eq(users.tenantId, memberships.tenantId), eq(users.id, memberships.userId)))
    .where(and(eq(memberships.tenantId, tenantId), scope))
    .orderBy(asc(users.email));
  const pending = await db
    .select({ id: invitations.id, email: invitations.email, role: invitations.role })
    .from(invitations)
    .where(
      and(
        eq(invitations.tenantId, tenantId),
        organizationId ? eq(invitations.organizationId, organizationId) : isNull(invitations.organizationId),
        isNull(invitations.acceptedAt),
        gt(invitations.expiresAt, new Date()),
      ),
    )
    .orderBy(asc(invitations.email));
  return { members, pending };
}

interface InviteArgs {
  tenant: Tenant;
  viewer: Viewer;
  organizationId: string | null;
  input: z.output<typeof inviteInput>;
  origin: string;
  signInPath: string;
  locale: string;
}

/** Invites an address to an organisation (customer roles) or to the tenant's staff. */
export async function invite(db: Db, { tenant, viewer, organizationId, input, origin, signInPath, locale }: InviteArgs) {
  const allowed: Role[] = organizationId ? ['customer_admin', 'customer_member'] : staffRoles(tenant);
  if (!allowed.includes(input.role)) throw invalidInput(`role: one of ${allowed.join(', ')}`, [`role: one of ${allowed.join(', ')}`]);
  const { members } = await listMembers(db, tenant.id, organizationId);
  if (members.some((m) => m.email === input.email)) throw new DomainError('already_member');
  const target = organizationId ? (await getOrganization(db, tenant.id, organizationId))?.name : tenant.name;
  if (!target) throw new DomainError('not_found');
  await db.insert(invitations).values({
    tenantId: tenant.id,
    email: input.email,
    organizationId,
    role: input.role,
    invitedBy: viewer.userId,
    expiresAt: sql`now() + interval '${sql.raw(String(INVITATION_DAYS))} days'`,
  });
  const link = new URL(signInPath, origin);
  link.searchParams.set('email', input.email);
  await invitationMail(db, { tenant, locale, to: input.email, inviter: viewer.name || viewer.email, target, link: link.toString() });
  // Someone already signed in on this storefront gets the role right away.
  const [existing] = await db.select({ id: users.id }).from(users).where(and(eq(users.tenantId, tenant.id), eq(users.email, input.email)));
  if (existing) await acceptInvitations(db, tenant.id, existing.id, input.email);
}

/**
 * Removes a membership of the organisation (or staff, with `null`). Admins remove anyone; anyone
 * may remove themself; nobody removes the last admin.
 */
export async function removeMember(db: Db, tenant: Tenant, viewer: Viewer, organizationId: string | null, membershipId: string, canManage: boolean) {
  return db.transaction(async (tx) => {
    const scope = organizationId ? eq(memberships.organizationId, organizationId) : isNull(memberships.organizationId);
    const rows = await tx.select().from(memberships).where(and(eq(memberships.tenantId, tenant.id), scope)).for('update');
    const target = rows.find((m) => m.id === membershipId);
    if (!target) throw new DomainError('not_found');
    if (!canManage && target.userId !== viewer.userId) throw new DomainError('forbidden');
    const adminRole: Role = organizationId ? 'customer_admin' : tenant.kind === 'reseller' ? 'reseller_admin' : 'distributor_admin';
    if (target.role === adminRole && rows.filter((m) => m.role === adminRole).length === 1) throw new DomainError('last_admin');
    await tx.delete(memberships).where(and(eq(memberships.tenantId, tenant.id), eq(memberships.id, membershipId)));
    await afterCommit(tx, async () => forgetViewers(tenant.id));
  });
}

/** An organisation's name on this storefront, or null when it has none of that id. */
export async function organizationName(db: Db, tenantId: string, organizationId: string): Promise<string | null> {
  const [org] = await db.select({ name: organizations.name }).from(organizations).where(and(eq(organizations.tenantId, tenantId), eq(organizations.id, organizationId)));
  return org?.name ?? null;
}

/** A person changes the name they are known by on this storefront. */
export async function renameUser(db: Db, tenantId: string, userId: string, name: string): Promise<void> {
  await db.update(users).set({ name }).where(and(eq(users.tenantId, tenantId), eq(users.id, userId)));
  await afterCommit(db, async () => forgetViewers(tenantId));
}

/** The currency of the (first) organisation a person of this storefront belongs to, if any. */
export async function organizationCurrencyOf(db: Db, tenantId: string, email: string): Promise<string | null> {
  const [row] = await db
    .select({ currency: organizations.currency })
    .from(users)
    .innerJoin(memberships, and(eq(memberships.tenantId, users.tenantId), eq(memberships.userId, users.id)))
    .innerJoin(organizations, and(eq(organizations.tenantId, memberships.tenantId), eq(organizations.id, memberships.organizationId)))
    .where(and(eq(users.tenantId, tenantId), eq(users.email, email.toLowerCase())))
    .orderBy(asc(memberships.createdAt))
    .limit(1);
  return row?.currency ?? null;
}

/** Whether a person of this storefront (by e-mail) is on its staff, whatever the role. */
export async function staffMember(db: Db, tenantId: string, email: string): Promise<boolean> {
  const [row] = await db
    .select({ id: memberships.id })
    .from(users)
    .innerJoin(memberships, and(eq(memberships.tenantId, users.tenantId), eq(memberships.userId, users.id)))
    .where(and(eq(users.tenantId, tenantId), eq(users.email, email.toLowerCase()), isNull(memberships.organizationId)))
    .limit(1);
  return !!row;
}
