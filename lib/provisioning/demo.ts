import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { provisioningFailed, type Connector, type ProvisionResult } from './types';

export interface DemoOptions {
  delayMs: number;
  /** 0–1: the share of calls that fail, as a real vendor's API sometimes does. */
  failureRate: number;
  random?: () => number;
}

/**
 * A simulated vendor for the demo catalog: it answers after a delay, fails a configurable share
 * of calls, and gives the same subscription id for the same request however often it is retried.
 */
export function demoConnector({ delayMs, failureRate, random = Math.random }: DemoOptions): Connector {
  async function answer(key: string): Promise<ProvisionResult> {
    await sleep(delayMs);
    if (random() < failureRate) throw provisioningFailed('The demo vendor did not answer (a simulated failure).');
    return { status: 'provisioned', externalId: `demo_${createHash('sha256').update(key).digest('hex').slice(0, 16)}` };
  }
  return {
    key: 'demo',
    provision: (request) => answer(request.idempotencyKey),
    changeSeats: (subscription, seats) => answer(`${subscription.requestKey}:seats:${seats}`).then(() => ({ status: 'provisioned', externalId: subscription.externalId })),
    changePlan: (subscription, sku) => answer(`${subscription.requestKey}:plan:${sku}`).then(() => ({ status: 'provisioned', externalId: subscription.externalId })),
    suspend: (subscription) => answer(`${subscription.requestKey}:suspend`).then(() => ({ status: 'provisioned', externalId: subscription.externalId })),
    reactivate: (subscription) => answer(`${subscription.requestKey}:reactivate`).then(() => ({ status: 'provisioned', externalId: subscription.externalId })),
    cancel: (subscription) => answer(`${subscription.requestKey}:cancel`).then(() => ({ status: 'provisioned', externalId: subscription.externalId })),
  };
}
