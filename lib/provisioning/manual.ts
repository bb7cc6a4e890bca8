import type { Connector } from './types';

/**
 * For products no system can provision: every call becomes a task in the distributor's console
 * (/admin), and the line waits until someone completes or fails it there.
 */
export function manualConnector(): Connector {
  const pending = async () => ({ status: 'pending' as const });
  return { key: 'manual', provision: pending, changeSeats: pending, changePlan: pending, suspend: pending, reactivate: pending, cancel: pending };
}
