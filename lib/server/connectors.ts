import { createHmac } from 'node:crypto';
import { settings } from '../config/settings';
import type { Db } from '../db/client';
import { demoConnector, httpConnector, manualConnector, type Connectors } from '../provisioning';
import { storefrontConnector } from '../reselling/connector';

/**
 * The connectors as configured by the settings: wiring, kept here so the provisioning layer knows
 * vendors only through its interface (tests build their own with `demoConnector` & co).
 */
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
