import { and, eq, ne } from 'drizzle-orm';
import type { Db } from '../db/client';
import { organizations, tenants } from '../db/schema';
import { DomainError } from '../errors';

/**
 * Subdomains that would read as the platform's own (or that `www.` handling already claims): a
 * reseller cannot take them, so `admin.<platform>` never looks like the platform's console.
 */
const RESERVED = new Set([
  'www', 'api', 'app', 'admin', 'account', 'auth', 'signin', 'login', 'mail', 'smtp', 'imap', 'pop', 'ftp', 'ns1', 'ns2',
  'static', 'assets', 'cdn', 'media', 'status', 'help', 'support', 'docs', 'blog', 'dev', 'test', 'staging', 'platform',
  'root', 'billing', 'stripe', 'webhooks', 'internal', 'localhost',
]);

const FORMAT = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;

/** Why `slug` cannot be a storefront address, or null when its form is fine (taken is checked apart). */
export function slugProblem(slug: string): string | null {
  if (slug.length < 3) return 'A storefront address needs at least 3 characters.';
  if (slug.length > 40) return 'A storefront address has at most 40 characters.';
  if (!FORMAT.test(slug)) return 'A storefront address uses lowercase letters, digits and dashes, and starts and ends with a letter or digit.';
  if (slug.includes('--')) return 'A storefront address cannot contain two dashes in a row.';
  if (RESERVED.has(slug)) return `"${slug}" is reserved by the platform. Choose another address.`;
  return null;
}

/** The slug as typed, in the form it is stored: trimmed and lowercased. */
export function normalizeSlug(raw: string): string {
  return raw.trim().toLowerCase();
}

/**
 * Reserves `slug` for the reseller company (an organisation on the distributor's storefront), in
 * the caller's transaction: refused when its form is wrong, when a storefront already has it, or
 * when another company reserved it. The unique index on the reservation decides between two
 * concurrent checkouts: the second waits for the first and is refused. A company that has a
 * storefront keeps its address.
 */
export async function reserveSlug(tx: Db, distributorId: string, org: { id: string; storefrontSlug: string | null; resellerTenantId: string | null }, raw: string): Promise<string> {
  const slug = normalizeSlug(raw);
  if (org.resellerTenantId) {
    if (org.storefrontSlug && slug !== org.storefrontSlug) throw new DomainError('slug_fixed', `Your storefront already lives at "${org.storefrontSlug}".`, { slug: org.storefrontSlug });
    return org.storefrontSlug ?? slug;
  }
  const problem = slugProblem(slug);
  if (problem) throw new DomainError('invalid_slug', problem, { slug, problem });
  if (slug === org.storefrontSlug) return slug;
  const taken = () => new DomainError('slug_taken', `The storefront address "${slug}" is taken. Choose another one.`, { slug });
  if (await slugTaken(tx, distributorId, slug, org.id)) throw taken();
  try {
    // A savepoint: a unique violation from a concurrent reservation must not abort the caller's
    // transaction before it can answer.
    await tx.transaction(async (sp) => {
      await sp.update(organizations).set({ storefrontSlug: slug }).where(and(eq(organizations.tenantId, distributorId), eq(organizations.id, org.id)));
    });
  } catch (error) {
    if (uniqueViolation(error)) throw taken();
    throw error;
  }
  return slug;
}

function uniqueViolation(error: unknown): boolean {
  for (let e: unknown = error; e; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: string }).code === '23505') return true;
  }
  return false;
}

/**
 * Whether a storefront or a company (other than `exceptOrganizationId`) already holds the slug:
 * the checkout's, the console's and the CLI's check. Both reads go out together.
 */
export async function slugTaken(tx: Db, distributorId: string, slug: string, exceptOrganizationId?: string): Promise<boolean> {
  const [[tenant], [org]] = await Promise.all([
    tx.select({ id: tenants.id }).from(tenants).where(eq(tenants.slug, slug)).limit(1).execute(),
    tx
      .select({ id: organizations.id })
      .from(organizations)
      .where(and(eq(organizations.tenantId, distributorId), eq(organizations.storefrontSlug, slug), ...(exceptOrganizationId ? [ne(organizations.id, exceptOrganizationId)] : [])))
      .limit(1)
      .execute(),
  ]);
  return !!tenant || !!org;
}
