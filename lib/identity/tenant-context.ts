import { AsyncLocalStorage } from 'node:async_hooks';

// The tenant a sign-in runs for. Auth.js calls the adapter without saying which storefront is
// asking; every Auth.js call of ours runs inside `runForTenant`, and the adapter reads it here.
const storage = new AsyncLocalStorage<string>();

export function runForTenant<T>(tenantId: string, fn: () => Promise<T>): Promise<T> {
  return storage.run(tenantId, fn);
}

export function currentTenantId(): string {
  const tenantId = storage.getStore();
  if (!tenantId) throw new Error('identity: no tenant in context; wrap the Auth.js call in runForTenant()');
  return tenantId;
}
