import { randomBytes } from 'node:crypto';
import { Resolver } from 'node:dns/promises';
import { and, eq, ne, sql } from 'drizzle-orm';
import { z } from 'zod';
import { platformDomain } from '../config/platform';
import { settings } from '../config/settings';
import type { Db } from '../db/client';
import { domains } from '../db/schema';
import { withTenant } from '../db/tenant';
import { DomainError } from '../errors';
import { assertPlanAllows } from '../reselling/plans';
import { normaliseHost } from '../input/host';
import { tenantChanged } from '../tenancy/invalidate';
import type { Tenant } from '../tenancy/types';

/** The TXT record a reseller publishes to prove it holds `hostname`. */
export const recordName = (hostname: string) => `_channelfront.${hostname}`;

const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

/**
 * The hostname in what a reseller pasted: "https://Shop.Example.com/" or "shop.example.com/about"
 * is shop.example.com (what the browser's address bar shows is what people copy). Anything else
 * is left as typed, for hostnameProblem to say what is wrong with it.
 */
function pastedHostname(text: string): string {
  if (!/[/:@?#]/.test(text)) return text;
  try {
    return new URL(/^[a-z][a-z0-9+.-]*:\/\//.test(text) ? text : `http://${text}`).hostname;
  } catch {
    return text;
  }
}

export const hostnameInput = z.object({
  hostname: z
    .string()
    .trim()
    .toLowerCase()
    .max(253, 'a hostname has at most 253 characters')
    .transform((v) => pastedHostname(v).replace(/\.$/, '')),
});

/** Why `hostname` cannot be a custom domain of a storefront, or null. */
export function hostnameProblem(hostname: string): string | null {
  const labels = hostname.split('.');
  if (labels.length < 2 || !labels.every((l) => LABEL.test(l))) return `"${hostname}" is not a hostname such as shop.example.com.`;
  if (/^\d+$/.test(labels.at(-1)!)) return 'Use a hostname, not an IP address.';
  const platform = platformDomain();
  if (hostname === platform || hostname.endsWith(`.${platform}`)) return `Addresses under ${platform} belong to the platform; add a domain of your own.`;
  if (hostname === 'localhost' || hostname.endsWith('.localhost')) return 'A localhost name cannot be a public domain.';
  return null;
}

/** A resolver asking the configured DNS servers (DNS_SERVERS), or the system's. */
export function dnsResolver(): Resolver {
  const resolver = new Resolver({ timeout: 3000, tries: 2 });
  const servers = settings().dnsServers;
  if (servers.length) resolver.setServers(servers);
  return resolver;
}

export interface TxtLookup {
  resolveTxt(name: string): Promise<string[][]>;
}

async function txtHolds(resolver: TxtLookup, hostname: string, token: string): Promise<boolean> {
  try {
    const records = await resolver.resolveTxt(recordName(hostname));
    return records.some((chunks) => chunks.join('').trim() === token);
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'ENOTFOUND' || code === 'ENODATA' || code === 'ENOTIMP' || code === 'NXDOMAIN') return false;
    throw new DomainError('dns_unavailable', 'The DNS look-up did not answer. Try again in a minute.');
  }
}

/** The storefront's custom domains, primary first. */
export function listCustomDomains(db: Db, tenantId: string) {
  return db
    .select()
    .from(domains)
    .where(and(eq(domains.tenantId, tenantId), eq(domains.kind, 'custom')))
    .orderBy(sql`${domains.primary} desc`, domains.hostname);
}

/**
 * Adds a hostname to the storefront (Standard plan), unverified, with a fresh token for its TXT
 * record. A hostname another storefront holds verified is refused; one it only claimed is not
 * (whoever can publish the record proves it).
 */
export async function addDomain(db: Db, tenant: Tenant, raw: string, now: Date) {
  assertPlanAllows(tenant, 'customDomains');
  const hostname = normaliseHost(raw) ?? raw;
  const problem = hostnameProblem(hostname);
  if (problem) throw new DomainError('invalid_input', problem, { fields: [`hostname: ${problem}`] });
  const [held] = await db.select({ tenantId: domains.tenantId }).from(domains).where(and(eq(domains.hostname, hostname), eq(domains.verified, true)));
  if (held && held.tenantId !== tenant.id) throw new DomainError('domain_taken', `${hostname} belongs to another storefront.`, { hostname });
  const [row] = await db
    .insert(domains)
    .values({ tenantId: tenant.id, hostname, kind: 'custom', verified: false, token: `cf-verify=${randomBytes(18).toString('base64url')}`, createdAt: now })
    .onConflictDoNothing()
    .returning();
  if (!row) throw new DomainError('domain_taken', `${hostname} is already one of this storefront's domains.`, { hostname });
  return row;
}

async function ownDomain(db: Db, tenant: Tenant, hostname: string) {
  const [row] = await db.select().from(domains).where(and(eq(domains.tenantId, tenant.id), eq(domains.hostname, hostname), eq(domains.kind, 'custom'))).for('update');
  if (!row) throw new DomainError('not_found');
  return row;
}

/**
 * Looks the TXT record up and, when it holds the domain's token, verifies the domain: from then
 * on the host serves the storefront. Two storefronts can never both hold a hostname verified.
 */
export async function verifyDomain(db: Db, tenant: Tenant, hostname: string, now: Date, resolver: TxtLookup = dnsResolver()): Promise<boolean> {
  assertPlanAllows(tenant, 'customDomains');
  const row = await ownDomain(db, tenant, hostname);
  if (!row.token) throw new DomainError('domain_not_verified', 'This domain has no verification token; remove it and add it again.', { hostname });
  const holds = await txtHolds(resolver, hostname, row.token);
  if (!holds) {
    await db.update(domains).set({ checkedAt: now, failing: row.verified }).where(and(eq(domains.tenantId, tenant.id), eq(domains.hostname, hostname)));
    return false;
  }
  const [held] = await db.select({ tenantId: domains.tenantId }).from(domains).where(and(eq(domains.hostname, hostname), eq(domains.verified, true), ne(domains.tenantId, tenant.id)));
  if (held) throw new DomainError('domain_taken', `${hostname} belongs to another storefront.`, { hostname });
  await db
    .update(domains)
    .set({ verified: true, verifiedAt: row.verifiedAt ?? now, checkedAt: now, failing: false })
    .where(and(eq(domains.tenantId, tenant.id), eq(domains.hostname, hostname)));
  await tenantChanged(db, tenant.id);
  return true;
}

/** Makes a verified domain the primary one: the storefront's other custom domains redirect to it. */
export async function setPrimaryDomain(db: Db, tenant: Tenant, hostname: string): Promise<void> {
  assertPlanAllows(tenant, 'customDomains');
  const row = await ownDomain(db, tenant, hostname);
  if (!row.verified) throw new DomainError('domain_not_verified', 'Verify the domain before making it the primary one.', { hostname });
  await db.update(domains).set({ primary: false }).where(and(eq(domains.tenantId, tenant.id), eq(domains.primary, true)));
  await db.update(domains).set({ primary: true }).where(and(eq(domains.tenantId, tenant.id), eq(domains.hostname, hostname)));
  await tenantChanged(db, tenant.id);
}

/** Removes a domain (allowed on any plan: a reseller can always let a hostname go). */
export async function removeDomain(db: Db, tenant: Tenant, hostname: string): Promise<void> {
  await ownDomain(db, tenant, hostname);
  await db.delete(domains).where(and(eq(domains.tenantId, tenant.id), eq(domains.hostname, hostname)));
  await tenantChanged(db, tenant.id);
}

/** Whether an on-demand TLS proxy may get a certificate for `hostname`: only a verified domain. */
export async function hostIsVerified(db: Db, hostname: string): Promise<boolean> {
  const [row] = await db.select({ tenantId: domains.tenantId }).from(domains).where(and(eq(domains.hostname, hostname), eq(domains.verified, true))).limit(1);
  return !!row;
}

/**
 * The periodic re-check (a scheduled job): every verified custom domain not looked at for an hour
 * is looked up again; one whose record is gone is flagged `failing` for its reseller (it keeps
 * serving: a DNS hiccup must not take a storefront down), one whose record is back is cleared.
 */
export async function recheckDomains(db: Db, now: Date, resolver: TxtLookup = dnsResolver()): Promise<{ checked: number; failing: number }> {
  const due = await db
    .select({ tenantId: domains.tenantId, hostname: domains.hostname, token: domains.token, failing: domains.failing })
    .from(domains)
    .where(and(eq(domains.kind, 'custom'), eq(domains.verified, true), sql`${domains.token} is not null`, sql`coalesce(${domains.checkedAt}, 'epoch') < ${new Date(now.getTime() - 3_600_000).toISOString()}::timestamptz`))
    .limit(1000);
  let failing = 0;
  for (const domain of due) {
    let holds: boolean;
    try {
      holds = await txtHolds(resolver, domain.hostname, domain.token!);
    } catch {
      continue; // DNS did not answer: nothing is concluded, the next run asks again.
    }
    if (!holds) failing++;
    await withTenant(db, domain.tenantId, (tx) =>
      tx.update(domains).set({ checkedAt: now, failing: !holds }).where(and(eq(domains.tenantId, domain.tenantId), eq(domains.hostname, domain.hostname))),
    );
  }
  return { checked: due.length, failing };
}
