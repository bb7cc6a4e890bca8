import { eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { tenants } from '../db/schema';
import { DomainError } from '../errors';
import { createConnectedAccount, onboardingLink, retrieveAccount, stripeConfigured, type AccountStatus } from './stripe';
import { tenantChanged } from '../tenancy/invalidate';
import type { Tenant } from '../tenancy/types';

/**
 * Stripe Connect onboarding for a storefront: the first click creates its connected account (one
 * per storefront, whatever happens in between: Stripe's idempotency key is the tenant), each click
 * gives a fresh onboarding link. Card payment is offered once Stripe says the account can take
 * charges, which it tells on return from onboarding and by `account.updated` webhooks.
 */
export async function startOnboarding(db: Db, tenant: Tenant, origin: string, settingsPath: string): Promise<string> {
  if (!stripeConfigured()) throw new DomainError('payment_unavailable', 'Card payments are not configured on this deployment (STRIPE_SECRET_KEY): ask the platform operator.');
  let account = tenant.stripeAccountId;
  if (!account) {
    const created = await createConnectedAccount({ tenantId: tenant.id, email: tenant.contactEmail });
    account = created.id;
    await db
      .update(tenants)
      .set({ stripeAccountId: account, stripeChargesEnabled: created.chargesEnabled, stripeDetailsSubmitted: created.detailsSubmitted, stripeCheckedAt: sql`now()`, updatedAt: sql`now()` })
      .where(eq(tenants.id, tenant.id));
    await tenantChanged(db, tenant.id);
  }
  return onboardingLink({ account, returnUrl: `${origin}${settingsPath}?stripe=return`, refreshUrl: `${origin}${settingsPath}?stripe=refresh` });
}

/** Asks Stripe what the storefront's account can do now (on return from onboarding). */
export async function refreshAccountStatus(db: Db, tenant: Tenant, at: Date): Promise<AccountStatus | null> {
  if (!tenant.stripeAccountId || !stripeConfigured()) return null;
  const status = await retrieveAccount(tenant.stripeAccountId);
  await recordAccountStatus(db, tenant.id, status, at);
  return status;
}

/** Stores Stripe's word on the account; a change expires the storefront's pages (checkout shows card or not). */
export async function recordAccountStatus(db: Db, tenantId: string, status: AccountStatus, at: Date): Promise<'account_updated'> {
  const [before] = await db.select({ charges: tenants.stripeChargesEnabled, details: tenants.stripeDetailsSubmitted, account: tenants.stripeAccountId }).from(tenants).where(eq(tenants.id, tenantId));
  if (!before || before.account !== status.id) return 'account_updated';
  await db.update(tenants).set({ stripeChargesEnabled: status.chargesEnabled, stripeDetailsSubmitted: status.detailsSubmitted, stripeCheckedAt: at }).where(eq(tenants.id, tenantId));
  if (before.charges !== status.chargesEnabled || before.details !== status.detailsSubmitted) await tenantChanged(db, tenantId);
  return 'account_updated';
}
