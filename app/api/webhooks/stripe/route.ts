import { getDb } from '@/lib/db';
import { DomainError } from '@/lib/errors';
import { errorResponse } from '@/lib/http/errors';
import { verifyWebhook } from '@/lib/payments/stripe';
import { handleStripeEvent } from '@/lib/payments/webhook';

export const dynamic = 'force-dynamic';

const MAX_EVENT_BYTES = 512 * 1024;

/**
 * Stripe's events for the storefronts' connected accounts. The signature is checked on the raw
 * body before anything is parsed; unsigned, altered and stale (> 300 s) events get 400.
 */
export async function POST(request: Request): Promise<Response> {
  const headers = { 'cache-control': 'no-store' };
  try {
    const length = Number(request.headers.get('content-length') ?? 0);
    if (length > MAX_EVENT_BYTES) throw new DomainError('payload_too_large');
    const raw = await request.text();
    if (Buffer.byteLength(raw) > MAX_EVENT_BYTES) throw new DomainError('payload_too_large');
    const now = new Date();
    const event = verifyWebhook(raw, request.headers.get('stripe-signature'), now);
    const outcome = await handleStripeEvent(await getDb(), event, now);
    return Response.json({ received: true, outcome }, { headers });
  } catch (error) {
    return errorResponse(error, headers);
  }
}
