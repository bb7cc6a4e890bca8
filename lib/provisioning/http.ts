import { createHmac } from 'node:crypto';
import { z } from 'zod';
import { provisioningFailed, type Connector, type ProvisionResult } from './types';

export const SIGNATURE_HEADER = 'x-channelfront-signature';

/** `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`: the vendor checks it and the time. */
export function signBody(body: string, secret: string, now: Date): string {
  const t = Math.floor(now.getTime() / 1000);
  const v1 = createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');
  return `t=${t},v1=${v1}`;
}

const answer = z.object({ status: z.enum(['provisioned', 'pending']), externalId: z.string().min(1).max(200).optional() });

/**
 * The generic way to integrate a vendor: a signed JSON POST to the product's URL. The vendor
 * answers 2xx with `{ "status": "provisioned", "externalId": "…" }` (or `pending` when it finishes
 * later); anything else is a failure, retried by the job.
 */
export function httpConnector({ secret, fetch: doFetch = fetch, now = () => new Date(), timeoutMs = 15_000 }: { secret: string; fetch?: typeof fetch; now?: () => Date; timeoutMs?: number }): Connector {
  async function call(url: string | null, payload: Record<string, unknown>): Promise<ProvisionResult> {
    if (!url) throw provisioningFailed('This product has no provisioning URL.');
    const body = JSON.stringify(payload);
    let response: Response;
    try {
      response = await doFetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [SIGNATURE_HEADER]: signBody(body, secret, now()), 'idempotency-key': String(payload.idempotencyKey ?? '') },
        body,
        signal: AbortSignal.timeout(timeoutMs),
        redirect: 'error',
      });
    } catch (error) {
      throw provisioningFailed(`The vendor at ${new URL(url).host} could not be reached: ${(error as Error).message}`);
    }
    const text = await response.text();
    if (!response.ok) throw provisioningFailed(`The vendor answered ${response.status}: ${text.slice(0, 200)}`);
    let parsed: z.infer<typeof answer>;
    try {
      parsed = answer.parse(JSON.parse(text));
    } catch {
      throw provisioningFailed(`The vendor's answer is not {"status":"provisioned","externalId":"…"}: ${text.slice(0, 200)}`);
    }
    if (parsed.status === 'pending') return { status: 'pending' };
    if (!parsed.externalId) throw provisioningFailed('The vendor reported success without an externalId.');
    return { status: 'provisioned', externalId: parsed.externalId };
  }
  return {
    key: 'http',
    provision: (r) => call(r.url, { action: 'provision', ...r }),
    changeSeats: (s, seats) => call(s.url, { action: 'change_seats', idempotencyKey: s.requestKey, externalId: s.externalId, sku: s.sku, seats }),
    changePlan: (s, sku) => call(s.url, { action: 'change_plan', idempotencyKey: s.requestKey, externalId: s.externalId, sku: s.sku, newSku: sku, seats: s.seats }),
    suspend: (s) => call(s.url, { action: 'suspend', idempotencyKey: s.requestKey, externalId: s.externalId, sku: s.sku }),
    reactivate: (s) => call(s.url, { action: 'reactivate', idempotencyKey: s.requestKey, externalId: s.externalId, sku: s.sku }),
    cancel: (s) => call(s.url, { action: 'cancel', idempotencyKey: s.requestKey, externalId: s.externalId, sku: s.sku }),
  };
}
