import { guardedRoute } from '@/lib/identity/guard';
import { billingSettingsInput, saveBillingSettings } from '@/lib/tenancy/billing-settings';

export const dynamic = 'force-dynamic';

/** A storefront admin sets how it invoices: its country and VAT number, and the bank account customers transfer to. */
export const POST = guardedRoute({ permission: 'commerce:manage', input: billingSettingsInput }, async ({ db, tenant, input }) => {
  await saveBillingSettings(db, tenant, input);
  return { notice: 'saved' };
});
