import type { Connector } from './types';

export type { Connector, ProvisionRequest, ProvisionResult, SubscriptionRef } from './types';
export { provisioningFailed } from './types';
export { demoConnector } from './demo';
export { httpConnector } from './http';
export { manualConnector } from './manual';

export type Connectors = Record<Connector['key'], Connector>;

export function connectorFor(connectors: Connectors, key: string): Connector {
  const connector = connectors[key as Connector['key']];
  if (!connector) throw new Error(`no provisioning connector "${key}"`);
  return connector;
}
