import { z } from 'zod';
import { DomainError, type ErrorCode } from '../errors';
import { isMissing } from '../input/fields';
import { PricingError } from '../pricing/engine';
import { ValidationError } from '../tenancy/settings';

const STATUS: Record<ErrorCode | 'internal', number> = {
  bad_request: 400,
  invalid_json: 400,
  invalid_input: 422,
  unauthenticated: 401,
  unauthorized: 401,
  forbidden: 403,
  cross_origin: 403,
  plan_required: 403,
  not_found: 404,
  conflict: 409,
  has_organization: 409,
  already_member: 409,
  last_admin: 409,
  no_offer: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  invalid_seats: 422,
  no_price: 422,
  empty_cart: 409,
  organization_required: 409,
  credit_limit: 409,
  payment_unavailable: 409,
  payment_failed: 502,
  illegal_transition: 409,
  invalid_signature: 400,
  invalid_slug: 422,
  slug_taken: 409,
  slug_fixed: 409,
  reselling_required: 403,
  licensee_required: 422,
  account_suspended: 403,
  storefront_exists: 409,
  dns_unavailable: 503,
  domain_unverified: 422,
  domain_taken: 409,
  domain_not_verified: 409,
  logo_too_large: 413,
  image_unsupported: 422,
  contrast_too_low: 422,
  no_draft: 409,
  below_cost: 422,
  internal: 500,
};

export interface ErrorBody {
  status: number;
  code: ErrorCode | 'internal';
  message: string;
  details?: string[];
}

/** The one mapping from anything thrown to what a client is told. Unknown errors are logged, never shown. */
export function describeError(error: unknown): ErrorBody {
  if (error instanceof DomainError) return { status: STATUS[error.code], code: error.code, message: error.message, ...(error.details ? { details: error.details } : {}) };
  if (error instanceof z.ZodError) {
    // A field not sent at all is named as missing: it is never taken as empty (lib/input/fields.ts).
    const details = error.issues.map((i) => `${i.path.join('.') || 'input'}: ${isMissing(i) ? 'missing (send it; an empty value clears it)' : i.message}`);
    return { status: 422, code: 'invalid_input', message: `Some of the input is not valid: ${details.join('; ')}`, details };
  }
  if (error instanceof ValidationError) return { status: 422, code: 'invalid_input', message: error.message, details: error.issues };
  if (error instanceof PricingError) return { status: 422, code: 'invalid_input', message: error.message };
  console.error('unexpected error', error);
  return { status: 500, code: 'internal', message: 'Something went wrong on our side. Please try again.' };
}

export function errorResponse(error: unknown, headers?: HeadersInit): Response {
  const { status, ...body } = describeError(error);
  return Response.json({ error: body }, { status, headers });
}
