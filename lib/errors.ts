/**
 * The one error type of the domain, by code. Each code has its HTTP status and a default message
 * (for API clients and logs) here, and a sentence per language under `errors.<code>` in
 * content/messages (lib/i18n/errors.ts checks that every code has one). No HTTP objects here:
 * lib/http/errors.ts turns a DomainError into a response, so a code means the same everywhere.
 */
export const ERRORS = {
  // The request itself
  bad_request: { status: 400, message: 'The request could not be read.' },
  invalid_json: { status: 400, message: 'The request body must be JSON.' },
  invalid_input: { status: 422, message: 'Some of the input is not valid.' },
  payload_too_large: { status: 413, message: 'The request is too large.' },
  unsupported_media_type: { status: 415, message: 'Send the request as a form or as JSON.' },
  overloaded: { status: 503, message: 'The storefront is busy right now. Try again in a few seconds.' },
  rate_limited: { status: 429, message: 'Too many requests. Please wait a minute and try again.' },
  invalid_signature: { status: 400, message: 'The signature of this webhook is missing, invalid or too old.' },
  // Who is asking
  unauthenticated: { status: 401, message: 'Sign in first.' },
  unauthorized: { status: 401, message: 'Send a valid API key of this storefront as "Authorization: Bearer <key>".' },
  link_expired: { status: 401, message: 'This sign-in link has expired or has already been used.' },
  forbidden: { status: 403, message: 'You do not have permission to do this.' },
  admins_only: { status: 403, message: 'Only an admin of your organisation can do this.' },
  cross_origin: { status: 403, message: 'This request came from another site and was refused. Submit the form from this storefront.' },
  plan_required: { status: 403, message: 'This needs a higher storefront plan.' },
  storefront_closed: { status: 403, message: 'This storefront takes no new orders and its portal is read-only until a storefront plan is bought again.' },
  reselling_required: { status: 403, message: 'Only reseller accounts (reselling enabled by the distributor) may buy storefront plans or order for resale.' },
  account_suspended: { status: 403, message: 'This account is suspended. Contact the distributor.' },
  // What is asked for
  not_found: { status: 404, message: 'Not found.' },
  other_product: { status: 404, message: 'That plan is not on this product’s upgrade path: choose one of the plans offered.' },
  not_member: { status: 404, message: 'That person is not a member of your organisation.' },
  no_assignment: { status: 404, message: 'That person has no seat of this subscription.' },
  conflict: { status: 409, message: 'This conflicts with the current state. Reload the page and try again.' },
  // Organisations and people
  has_organization: { status: 409, message: 'You already belong to an organisation.' },
  already_member: { status: 409, message: 'This person is already a member.' },
  last_admin: { status: 409, message: 'The last admin cannot be removed.' },
  company_exists: { status: 409, message: 'A company of that name already exists.' },
  licensee_exists: { status: 409, message: 'A licensee of that name already exists.' },
  // Buying
  no_offer: { status: 409, message: 'This plan is not sold on this storefront (any more).' },
  no_tier: { status: 409, message: 'This storefront has no offer yet: the distributor assigns a partner tier first.' },
  no_price: { status: 422, message: 'This plan has no price in this currency.' },
  unpriceable: { status: 422, message: 'This plan cannot be priced: its price would be below cost or its inputs are not valid.' },
  invalid_seats: { status: 422, message: 'The number of seats is outside the plan’s limits.' },
  empty_cart: { status: 409, message: 'Your cart is empty.' },
  checkout_used: { status: 409, message: 'This checkout was already used. Reload the checkout page and try again.' },
  organization_required: { status: 409, message: 'Create your organisation (or ask its admin to order) before checking out.' },
  licensee_required: { status: 422, message: 'Choose the licensee (the end customer) for products sold for resale only.' },
  credit_limit: { status: 409, message: 'This order is over your credit limit on account.' },
  payment_unavailable: { status: 409, message: 'This payment method is not available for your organisation.' },
  no_payment_method: { status: 409, message: 'No payment method is available to pay for this change.' },
  payment_failed: { status: 502, message: 'The payment provider could not start the payment. Please try again.' },
  already_paid: { status: 409, message: 'This invoice is already paid.' },
  over_creditable: { status: 409, message: 'That is more than is still creditable on this invoice.' },
  already_on_account: { status: 409, message: 'Your organisation already pays on account.' },
  credit_requested: { status: 409, message: 'Your organisation has already asked for payment on account; the store answers by mail.' },
  request_decided: { status: 409, message: 'This request was already answered.' },
  illegal_transition: { status: 409, message: 'The order cannot change to that state from where it is.' },
  order_provisioned: { status: 409, message: 'Part of this order is set up at the vendor: change or cancel its subscriptions instead.' },
  payment_page_open: { status: 409, message: 'The customer’s card payment page is still open; when it lapses unpaid the order is cancelled.' },
  task_resolved: { status: 409, message: 'This task was already resolved.' },
  provisioning_failed: { status: 502, message: 'The vendor could not set this up.' },
  // Subscriptions
  subscription_inactive: { status: 409, message: 'This subscription is no longer active and cannot be changed.' },
  cancelling: { status: 409, message: 'This subscription is set to cancel. Withdraw the cancellation first.' },
  not_cancelling: { status: 409, message: 'This subscription is not set to cancel.' },
  not_suspended: { status: 409, message: 'This subscription is not suspended.' },
  change_pending: { status: 409, message: 'A change of this subscription is still being set up. Try again once it is.' },
  nothing_scheduled: { status: 409, message: 'No change is scheduled for this subscription.' },
  same_plan: { status: 409, message: 'This is already the subscription’s plan.' },
  plan_seat_limits: { status: 422, message: 'The subscription’s seats are outside that plan’s limits.' },
  below_assigned: { status: 422, message: 'Seats assigned to people cannot be given back; unassign them first.' },
  all_assigned: { status: 409, message: 'All seats are assigned. Add seats or unassign someone first.' },
  // Reselling and storefront plans
  invalid_slug: { status: 422, message: 'That storefront address cannot be used.' },
  slug_taken: { status: 409, message: 'That storefront address is taken. Choose another one.' },
  slug_fixed: { status: 409, message: 'Your storefront already has its address.' },
  storefront_exists: { status: 409, message: 'Your company already has a storefront plan. Change it from your subscriptions.' },
  // Storefront administration
  stripe_account_taken: { status: 409, message: 'That Stripe account is already linked to another storefront.' },
  page_exists: { status: 409, message: 'There already is a page at that address in this language.' },
  below_cost: { status: 422, message: 'This change would sell some plans below your cost. Nothing was saved.' },
  domain_taken: { status: 409, message: 'This hostname is taken.' },
  domain_not_verified: { status: 409, message: 'Verify the domain first.' },
  domain_unverified: { status: 422, message: 'The domain’s TXT record does not hold its token yet.' },
  dns_unavailable: { status: 503, message: 'The DNS look-up did not answer. Try again in a minute.' },
  logo_too_large: { status: 413, message: 'The logo file is too large.' },
  image_unsupported: { status: 422, message: 'Upload a PNG, JPEG, WebP or SVG image.' },
  contrast_too_low: { status: 422, message: 'Some text colours do not stand out enough from their background (WCAG AA needs 4.5:1).' },
  no_draft: { status: 409, message: 'There is no draft to publish: save your changes first.' },
  // The platform itself
  settings_invalid: { status: 500, message: 'The settings of this installation are not valid.' },
  internal: { status: 500, message: 'Something went wrong on our side. Please try again.' },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof ERRORS;
export const ERROR_CODES = Object.keys(ERRORS) as ErrorCode[];

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(ERRORS, value);
}

/** The payment methods by key (lib/payments holds what each does). */
export type PaymentMethodName = 'on_account' | 'card' | 'bank_transfer';

/** An amount as the domain holds it: integer minor units of a currency. */
export interface Money {
  amount: number;
  currency: string;
}

/**
 * What a code says beyond its sentence, by name. A code not listed carries nothing; one whose
 * value admits `undefined` may carry it. Strings are shown as they are (names, hostnames, addresses);
 * lists are joined; money is formatted in the reader's language.
 */
export interface ErrorDetails {
  /** One line per field, "field: what is wrong". */
  invalid_input: { fields: string[] };
  not_found: { fields: string[] } | undefined;
  invalid_seats: { min: number; max: number } | undefined;
  /** `methods`: the other ways this customer can pay, named in the sentence. */
  credit_limit: { total: Money; available: Money; limit: Money; methods: PaymentMethodName[] };
  payment_unavailable: { methods: PaymentMethodName[] } | undefined;
  invalid_slug: { slug: string; problem: string };
  slug_taken: { slug: string };
  slug_fixed: { slug: string };
  licensee_required: { product: string };
  domain_unverified: { hostname: string };
  domain_taken: { hostname: string };
  domain_not_verified: { hostname: string };
  contrast_too_low: { pairs: string[] };
  below_cost: { prices: string[] };
  settings_invalid: { problems: string[] };
  /** How long the client should wait before asking again (sent as Retry-After). */
  overloaded: { retryAfterSeconds: number } | undefined;
}

export type DetailsOf<C extends ErrorCode> = C extends keyof ErrorDetails ? ErrorDetails[C] : undefined;
type DetailsArgument<C extends ErrorCode> = undefined extends DetailsOf<C> ? [details?: DetailsOf<C>] : [details: DetailsOf<C>];

// The server's bundles may each hold a copy of this module (the instrumentation that opens the
// database is bundled apart from the routes), and `instanceof` against one copy's class is false
// for another's: the embedded database's 503 was answered as an unexpected 500. A DomainError is
// recognised by a brand shared by every copy instead.
const BRAND = Symbol.for('channelfront.DomainError');

export class DomainError<C extends ErrorCode = ErrorCode> extends Error {
  readonly details: DetailsOf<C> | undefined;
  readonly [BRAND] = true;

  static [Symbol.hasInstance](value: unknown): boolean {
    // Only DomainError itself answers by brand; a subclass, should one appear, keeps the usual test.
    if (this !== DomainError) return Function.prototype[Symbol.hasInstance].call(this, value);
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
  }

  constructor(
    public readonly code: C,
    message?: string,
    ...[details]: DetailsArgument<C>
  ) {
    super(message ?? ERRORS[code].message);
    this.name = 'DomainError';
    this.details = details;
  }

  get status(): number {
    return ERRORS[this.code].status;
  }
}

/** Whether `error` is a DomainError of one of `codes`. */
export function isDomainError<C extends ErrorCode>(error: unknown, ...codes: C[]): error is DomainError<C> {
  return error instanceof DomainError && (codes as ErrorCode[]).includes(error.code);
}

/** A refusal of input that names its fields: the one way to say "invalid_input". */
export function invalidInput(message: string, fields: string[]): DomainError<'invalid_input'> {
  return new DomainError('invalid_input', message, { fields });
}
