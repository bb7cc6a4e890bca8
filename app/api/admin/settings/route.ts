import { guardedRoute } from '@/lib/identity/guard';
import { saveStoreSettings, storeSettingsInput } from '@/lib/tenancy/store-settings';

export const dynamic = 'force-dynamic';

/** A storefront admin saves the store's settings: name, contact, legal address, languages, currencies, taxes, payment defaults. */
export const POST = guardedRoute({ permission: 'commerce:manage', input: storeSettingsInput }, async ({ db, tenant, input }) => {
  await saveStoreSettings(db, tenant, input);
  return { notice: 'saved' };
});
