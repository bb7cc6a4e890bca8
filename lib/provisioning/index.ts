import { createHmac } from 'node:crypto';
import { settings } from '../config/settings';
import { demoConnector } from './demo';
import { httpConnector } from './http';
import { manualConnector } from './manual';
import { storefrontConnector } from './storefront';
import type { Db } from '../db/client';
import type { Connector } from './types';

export type { Connector, ProvisionRequest, ProvisionResult, SubscriptionRef } from './types';
export { provisioningFailed } from './types';

export type Connectors = Record<Connector['key'], Connector>;

/** The connectors as configured by the settings (tests build their own with `demoConnector` & co). */
export function defaultConnectors(db: Db): Connectors {
  const s = settings();
  const secret = s.provisioningSecret ?? createHmac('sha256', s.authSecret ?? 'development').update('channelfront provisioning').digest('hex');
  return {
    demo: demoConnector({ delayMs: s.demoProvisioningDelayMs, failureRate: s.demoProvisioningFailureRate }),
    http: httpConnector({ secret }),
    manual: manualConnector(),
    storefront: storefrontConnector({ db }),
  };
}

export function connectorFor(connectors: Connectors, key: string): Connector {
  const connector = connectors[key as Connector['key']];
  if (!connector) throw new Error(`no provisioning connector "${key}"`);
  return connector;
}
