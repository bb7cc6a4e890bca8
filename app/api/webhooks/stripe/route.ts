import { now } from '@/lib/clock';
import { getDb } from '@/lib/db';
import { DomainError } from '@/lib/errors';
import { errorResponse } from '@/lib/http/errors';
import { verifyWebhook } from '@/lib/payments/stripe';
import { handleStripeEvent } from '@/lib/orders/stripe-events';

export const dynamic = 'force-dynamic';

const MAX_EVENT_BYTES = 512 * 1024;

/**
 * Stripe's events for the storefronts' connected accounts. The signature is checked on the raw
 * body before anything is parsed; unsigned, altered, stale and future-dated (more than 300 s either way) events get 400.
 */
export async function POST(request: Request): Promise<Response> {
  const headers = { 'cache-control': 'no-store' };
  try {
    const length = Number(request.headers.get('content-length') ?? 0);
    if (length > MAX_EVENT_BYTES) throw new DomainError('payload_too_large');
    const raw = await request.text();
    if (Buffer.byteLength(raw) > MAX_EVENT_BYTES) throw new DomainError('payload_too_large');
    const at = now();
    const event = verifyWebhook(raw, request.headers.get('stripe-signature'), at);
    const outcome = await handleStripeEvent(await getDb(), event, at);
    return Response.json({ received: true, outcome }, { headers });
  } catch (error) {
    return errorResponse(error, headers);
  }
}
