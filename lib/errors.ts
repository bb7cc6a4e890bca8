/**
 * The errors domain code throws, by code. No HTTP here: lib/http/errors.ts is the one mapping to
 * statuses, JSON bodies and form notices, so a code means the same on every entry point.
 */
export type ErrorCode =
  | 'bad_request'
  | 'invalid_input'
  | 'invalid_json'
  | 'unauthenticated'
  | 'unauthorized'
  | 'forbidden'
  | 'cross_origin'
  | 'plan_required'
  | 'not_found'
  | 'conflict'
  | 'has_organization'
  | 'already_member'
  | 'last_admin'
  | 'no_offer'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'rate_limited'
  | 'invalid_seats'
  | 'no_price'
  | 'empty_cart'
  | 'organization_required'
  | 'credit_limit'
  | 'payment_unavailable'
  | 'payment_failed'
  | 'illegal_transition'
  | 'invalid_signature'
  | 'invalid_slug'
  | 'slug_taken'
  | 'slug_fixed'
  | 'reselling_required'
  | 'licensee_required'
  | 'account_suspended'
  | 'storefront_exists'
  | 'dns_unavailable'
  | 'domain_unverified'
  | 'domain_taken'
  | 'domain_not_verified'
  | 'logo_too_large'
  | 'image_unsupported'
  | 'contrast_too_low'
  | 'no_draft'
  | 'below_cost';

const DEFAULT_MESSAGES: Record<ErrorCode, string> = {
  bad_request: 'The request could not be read.',
  invalid_input: 'Some of the input is not valid.',
  invalid_json: 'The request body must be JSON.',
  unauthenticated: 'Sign in first.',
  unauthorized: 'Send a valid API key of this storefront as "Authorization: Bearer <key>".',
  forbidden: 'You do not have permission to do this.',
  cross_origin: 'This request came from another site and was refused. Submit the form from this storefront.',
  plan_required: 'This needs a higher storefront plan.',
  not_found: 'Not found.',
  conflict: 'This conflicts with the current state.',
  has_organization: 'You already belong to an organisation.',
  already_member: 'This person is already a member.',
  last_admin: 'The last admin cannot be removed.',
  no_offer: 'This storefront has no offer yet: the distributor assigns a partner tier first.',
  payload_too_large: 'The request is too large.',
  unsupported_media_type: 'Send the request as a form or as JSON.',
  rate_limited: 'Too many requests. Please wait a minute and try again.',
  invalid_seats: 'The number of seats is outside the plan’s limits.',
  no_price: 'This plan has no price in this currency.',
  empty_cart: 'Your cart is empty.',
  organization_required: 'Create your organisation (or ask its admin to order) before checking out.',
  credit_limit: 'This order is over your credit limit on account.',
  payment_unavailable: 'This payment method is not available for your organisation.',
  payment_failed: 'The payment provider could not start the payment. Please try again.',
  illegal_transition: 'The order cannot change to that state from where it is.',
  invalid_signature: 'The signature of this webhook is missing, invalid or too old.',
  invalid_slug: 'That storefront address cannot be used.',
  slug_taken: 'That storefront address is taken. Choose another one.',
  slug_fixed: 'Your storefront already has its address.',
  reselling_required: 'Only reseller accounts (reselling enabled by the distributor) may buy storefront plans or order for resale.',
  licensee_required: 'Choose the licensee (the end customer) for products sold for resale only.',
  account_suspended: 'This account is suspended. Contact the distributor.',
  domain_taken: 'This hostname is taken.',
  domain_not_verified: 'Verify the domain first.',
  domain_unverified: 'The domain’s TXT record does not hold its token yet.',
  dns_unavailable: 'The DNS look-up did not answer. Try again in a minute.',
  storefront_exists: 'Your company already has a storefront plan. Change it from your subscriptions.',
  logo_too_large: 'The logo file is too large.',
  image_unsupported: 'Upload a PNG, JPEG, WebP or SVG image.',
  contrast_too_low: 'Some text colours do not stand out enough from their background (WCAG AA needs 4.5:1).',
  no_draft: 'There is no draft to publish: save your changes first.',
  below_cost: 'This change would sell some plans below your cost. Nothing was saved.',
};

export class DomainError extends Error {
  constructor(
    public readonly code: ErrorCode,
    message?: string,
    public readonly details?: string[],
  ) {
    super(message ?? DEFAULT_MESSAGES[code]);
    this.name = 'DomainError';
  }
}
