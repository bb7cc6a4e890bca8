import type { SubscriptionRow } from '../db/schema';
import type { Tenant } from '../tenancy/types';
import { chargeOffSession, savedCard, stripeConfigured } from './stripe';

export interface RenewalCharge {
  tenant: Tenant;
  subscription: SubscriptionRow;
  /** Including tax, minor units. */
  amount: number;
  currency: string;
  /** Unique per renewal attempt (see chargeOffSession). */
  key: string;
  /** The Checkout Session that paid for the subscription, where its card was saved. */
  checkoutSessionId: string | null;
}

export type RenewalChargeResult = { ok: true; reference: string; card?: { customerId: string; paymentMethodId: string } } | { ok: false; reason: string };
export type RenewalCharger = (charge: RenewalCharge) => Promise<RenewalChargeResult>;

/** A card renewal: the card saved at checkout, charged off-session on the reseller's Stripe account. */
export const chargeRenewal: RenewalCharger = async ({ tenant, subscription: sub, amount, currency, key, checkoutSessionId }) => {
  if (!stripeConfigured()) return { ok: false, reason: 'card payments are not configured on this deployment' };
  if (!tenant.stripeAccountId) return { ok: false, reason: 'the store has no Stripe account connected' };
  let card = sub.stripeCustomerId && sub.stripePaymentMethodId ? { customerId: sub.stripeCustomerId, paymentMethodId: sub.stripePaymentMethodId } : null;
  if (!card && checkoutSessionId) {
    try {
      card = await savedCard(tenant.stripeAccountId, checkoutSessionId);
    } catch (error) {
      return { ok: false, reason: `the saved card could not be read: ${(error as Error).message.slice(0, 200)}` };
    }
  }
  if (!card) return { ok: false, reason: 'no card is saved for this subscription' };
  const result = await chargeOffSession({ account: tenant.stripeAccountId, ...card, amount, currency, key, metadata: { subscription_id: sub.id, tenant_id: tenant.id } });
  return result.ok ? { ...result, card } : result;
};
