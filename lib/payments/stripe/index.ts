import Stripe from 'stripe';
import { settings } from '../../config/settings';
import { DomainError } from '../../errors';

/**
 * Everything Stripe-specific lives here; the rest of the app sees these shapes only. The key is
 * the platform's (the distributor's); storefront payments are direct charges on the reseller's
 * connected account (`stripeAccount` on each call). Amounts always come from our price engine.
 */
export interface CheckoutSessionInfo {
  id: string;
  url: string | null;
  /** `complete` once the customer finished; `expired` when the session lapsed. */
  status: 'open' | 'complete' | 'expired';
  paid: boolean;
  amountTotal: number | null;
  currency: string | null;
  orderId: string | null;
  /** For a session paying an invoice on account (not an order). */
  invoiceId: string | null;
  paymentIntentId: string | null;
}

export interface PaymentEvent {
  id: string;
  type: string;
  /** The connected account the event happened on (a reseller's). */
  account: string | null;
  session: CheckoutSessionInfo | null;
  /** For `account.updated`: what the connected account can do now. */
  accountStatus: AccountStatus | null;
}

export interface AccountStatus {
  id: string;
  chargesEnabled: boolean;
  detailsSubmitted: boolean;
}

let client: { key: string; base: string; stripe: Stripe } | null = null;

export function stripeConfigured(): boolean {
  return settings().stripeSecretKey !== null;
}

function stripe(): Stripe {
  const { stripeSecretKey: key, stripeApiBase: base } = settings();
  if (!key) throw new DomainError('payment_unavailable', 'Card payments are not configured on this deployment.');
  const baseKey = base?.toString() ?? '';
  if (!client || client.key !== key || client.base !== baseKey) {
    client = {
      key,
      base: baseKey,
      stripe: new Stripe(key, {
        // The checkout holds its transaction while Stripe answers: fail within seconds, not minutes.
        maxNetworkRetries: 1,
        timeout: 8_000,
        ...(base ? { host: base.hostname, port: Number(base.port || (base.protocol === 'https:' ? 443 : 80)), protocol: base.protocol.replace(':', '') as 'http' | 'https' } : {}),
      }),
    };
  }
  return client.stripe;
}

function toInfo(session: Stripe.Checkout.Session): CheckoutSessionInfo {
  return {
    id: session.id,
    url: session.url ?? null,
    status: (session.status ?? 'open') as CheckoutSessionInfo['status'],
    paid: session.payment_status === 'paid' || session.payment_status === 'no_payment_required',
    amountTotal: session.amount_total ?? null,
    currency: session.currency ? session.currency.toUpperCase() : null,
    orderId: session.metadata?.order_id ?? session.client_reference_id ?? null,
    invoiceId: session.metadata?.invoice_id ?? null,
    paymentIntentId: typeof session.payment_intent === 'string' ? session.payment_intent : (session.payment_intent?.id ?? null),
  };
}

export interface CheckoutLine {
  name: string;
  unitAmount: number;
  quantity: number;
}

/** A hosted payment page for one order, charged on the reseller's account. Idempotent per order. */
export async function createCheckoutSession(args: {
  account: string;
  orderId: string;
  tenantId: string;
  orderNumber: number;
  currency: string;
  lines: CheckoutLine[];
  email: string;
  locale: string;
  successUrl: string;
  cancelUrl: string;
}): Promise<CheckoutSessionInfo> {
  try {
    const session = await stripe().checkout.sessions.create(
      {
        mode: 'payment',
        client_reference_id: args.orderId,
        customer_email: args.email,
        locale: (['de', 'fr', 'en'].includes(args.locale) ? args.locale : 'auto') as Stripe.Checkout.SessionCreateParams.Locale,
        line_items: args.lines.map((l) => ({
          quantity: l.quantity,
          price_data: { currency: args.currency.toLowerCase(), unit_amount: l.unitAmount, product_data: { name: l.name } },
        })),
        metadata: { order_id: args.orderId, tenant_id: args.tenantId, order_number: String(args.orderNumber) },
        // The card is kept (on the reseller's account) for charging renewals off-session.
        customer_creation: 'always',
        payment_intent_data: { metadata: { order_id: args.orderId, tenant_id: args.tenantId }, setup_future_usage: 'off_session' },
        success_url: args.successUrl,
        cancel_url: args.cancelUrl,
      },
      { stripeAccount: args.account, idempotencyKey: `checkout_${args.orderId}` },
    );
    return toInfo(session);
  } catch (error) {
    console.error('stripe: creating a checkout session failed', (error as Error).message);
    throw new DomainError('payment_failed');
  }
}

export async function retrieveCheckoutSession(account: string, sessionId: string): Promise<CheckoutSessionInfo> {
  return toInfo(await stripe().checkout.sessions.retrieve(sessionId, {}, { stripeAccount: account }));
}

/** Checkout Sessions created on an account since a time: what reconciliation compares with. */
export async function recentCheckoutSessions(account: string, since: Date): Promise<CheckoutSessionInfo[]> {
  const list = await stripe().checkout.sessions.list({ created: { gte: Math.floor(since.getTime() / 1000) }, limit: 100 }, { stripeAccount: account });
  return list.data.map(toInfo);
}

const WEBHOOK_TOLERANCE_SECONDS = 300;

/**
 * Reads a webhook: the signature over the raw body with the endpoint's secret, and its timestamp
 * (at most 300 s from `now`, before or after). Anything unsigned, altered, stale or dated ahead
 * is refused.
 */
export function verifyWebhook(rawBody: string, signature: string | null, now: Date): PaymentEvent {
  const secret = settings().stripeWebhookSecret;
  if (!secret) throw new DomainError('payment_unavailable', 'Stripe webhooks are not configured on this deployment (STRIPE_WEBHOOK_SECRET).');
  if (!signature) throw new DomainError('invalid_signature', 'The Stripe-Signature header is missing.');
  // Stripe's check bounds only the age; an event dated ahead of our clock is refused as well.
  const signedAt = Number(/(?:^|,)\s*t=(\d{1,12})(?:,|$)/.exec(signature)?.[1] ?? NaN);
  if (Number.isFinite(signedAt) && Math.abs(now.getTime() / 1000 - signedAt) > WEBHOOK_TOLERANCE_SECONDS) {
    throw new DomainError('invalid_signature', `The webhook was refused: it was signed more than ${WEBHOOK_TOLERANCE_SECONDS} s away from this server's time (check both clocks).`);
  }
  let event: Stripe.Event;
  try {
    event = Stripe.webhooks.constructEvent(rawBody, signature, secret, WEBHOOK_TOLERANCE_SECONDS, undefined, now.getTime());
  } catch (error) {
    throw new DomainError('invalid_signature', `The webhook was refused: ${(error as Error).message}`);
  }
  const object = event.data?.object as { object?: string } | undefined;
  return {
    id: event.id,
    type: event.type,
    account: event.account ?? null,
    session: object?.object === 'checkout.session' ? toInfo(object as Stripe.Checkout.Session) : null,
    accountStatus: object?.object === 'account' ? toStatus(object as Stripe.Account) : null,
  };
}

/** The customer and card a paid Checkout Session left on the connected account, for renewals. */
export async function savedCard(account: string, sessionId: string): Promise<{ customerId: string; paymentMethodId: string } | null> {
  const session = await stripe().checkout.sessions.retrieve(sessionId, { expand: ['payment_intent'] }, { stripeAccount: account });
  const customerId = typeof session.customer === 'string' ? session.customer : (session.customer?.id ?? null);
  const intent = session.payment_intent;
  const paymentMethodId = intent && typeof intent !== 'string' ? (typeof intent.payment_method === 'string' ? intent.payment_method : (intent.payment_method?.id ?? null)) : null;
  return customerId && paymentMethodId ? { customerId, paymentMethodId } : null;
}

export type OffSessionResult = { ok: true; reference: string } | { ok: false; reason: string };

/**
 * Charges a saved card without the customer present (a renewal), on the reseller's account. The
 * idempotency key names the renewal attempt: a run killed after Stripe charged and retried with
 * the same key gets the same payment back instead of a second charge.
 */
export async function chargeOffSession(args: { account: string; customerId: string; paymentMethodId: string; amount: number; currency: string; key: string; metadata: Record<string, string> }): Promise<OffSessionResult> {
  try {
    const intent = await stripe().paymentIntents.create(
      {
        amount: args.amount,
        currency: args.currency.toLowerCase(),
        customer: args.customerId,
        payment_method: args.paymentMethodId,
        off_session: true,
        confirm: true,
        metadata: args.metadata,
      },
      { stripeAccount: args.account, idempotencyKey: args.key },
    );
    if (intent.status === 'succeeded') return { ok: true, reference: intent.id };
    return { ok: false, reason: `the payment is ${intent.status.replace(/_/g, ' ')}` };
  } catch (error) {
    return { ok: false, reason: (error as Error).message.slice(0, 300) };
  }
}

/**
 * Refunds part of a payment on the reseller's account. `payment` is the PaymentIntent, or the
 * Checkout Session that created it. Idempotent per key (one refund per credit note).
 */
export async function refundPayment(args: { account: string; payment: string; amount: number; key: string; metadata: Record<string, string> }): Promise<string> {
  let intent = args.payment;
  if (intent.startsWith('cs_')) {
    const session = await stripe().checkout.sessions.retrieve(intent, {}, { stripeAccount: args.account });
    const pi = session.payment_intent;
    if (!pi) throw new Error(`checkout session ${intent} has no payment to refund`);
    intent = typeof pi === 'string' ? pi : pi.id;
  }
  const refund = await stripe().refunds.create({ payment_intent: intent, amount: args.amount, metadata: args.metadata }, { stripeAccount: args.account, idempotencyKey: args.key });
  return refund.id;
}

/** A hosted payment page for an invoice on account, charged on the reseller's account. */
export async function createInvoiceCheckoutSession(args: {
  account: string;
  invoiceId: string;
  tenantId: string;
  title: string;
  currency: string;
  amount: number;
  email: string;
  locale: string;
  successUrl: string;
  cancelUrl: string;
  /** Unique per attempt: a lapsed page is replaced by a new one. */
  key: string;
}): Promise<CheckoutSessionInfo> {
  try {
    const session = await stripe().checkout.sessions.create(
      {
        mode: 'payment',
        customer_email: args.email,
        locale: (['de', 'fr', 'en'].includes(args.locale) ? args.locale : 'auto') as Stripe.Checkout.SessionCreateParams.Locale,
        line_items: [{ quantity: 1, price_data: { currency: args.currency.toLowerCase(), unit_amount: args.amount, product_data: { name: args.title } } }],
        metadata: { invoice_id: args.invoiceId, tenant_id: args.tenantId },
        payment_intent_data: { metadata: { invoice_id: args.invoiceId, tenant_id: args.tenantId } },
        success_url: args.successUrl,
        cancel_url: args.cancelUrl,
      },
      { stripeAccount: args.account, idempotencyKey: args.key },
    );
    return toInfo(session);
  } catch (error) {
    console.error('stripe: creating an invoice payment page failed', (error as Error).message);
    throw new DomainError('payment_failed');
  }
}

function toStatus(account: Stripe.Account): AccountStatus {
  return { id: account.id, chargesEnabled: account.charges_enabled === true, detailsSubmitted: account.details_submitted === true };
}

/**
 * A connected account for a storefront (Stripe Connect, the storefront's own Stripe account that
 * its customers' card payments go to). Idempotent per storefront: asking twice gives one account.
 */
export async function createConnectedAccount(args: { tenantId: string; email: string | null; country?: string }): Promise<AccountStatus> {
  try {
    const account = await stripe().accounts.create(
      {
        type: 'standard',
        ...(args.email ? { email: args.email } : {}),
        metadata: { tenant_id: args.tenantId },
      },
      { idempotencyKey: `connect_${args.tenantId}` },
    );
    return toStatus(account);
  } catch (error) {
    console.error('stripe: creating a connected account failed', (error as Error).message);
    throw new DomainError('payment_failed', 'Stripe did not create the account. Please try again in a minute.');
  }
}

/** The link that takes the storefront's admin through Stripe's onboarding (it expires within minutes). */
export async function onboardingLink(args: { account: string; returnUrl: string; refreshUrl: string }): Promise<string> {
  try {
    const link = await stripe().accountLinks.create({ account: args.account, type: 'account_onboarding', return_url: args.returnUrl, refresh_url: args.refreshUrl });
    return link.url;
  } catch (error) {
    console.error('stripe: creating an onboarding link failed', (error as Error).message);
    throw new DomainError('payment_failed', 'Stripe did not open the onboarding. Please try again in a minute.');
  }
}

export async function retrieveAccount(account: string): Promise<AccountStatus> {
  return toStatus(await stripe().accounts.retrieve(account));
}
