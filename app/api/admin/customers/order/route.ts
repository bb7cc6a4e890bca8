import { now as clock } from '@/lib/clock';
import { guardedRoute } from '@/lib/identity/guard';
import { localePath } from '@/lib/i18n/locales';
import { assistedOrderInput, placeAssistedOrder } from '@/lib/orders/assisted';

export const dynamic = 'force-dynamic';

/**
 * The storefront's admins and staff place an order for a customer organisation, on account at
 * its prices; back on the customer's page, where the order is listed.
 */
export const POST = guardedRoute({ permission: 'portal:access', input: assistedOrderInput }, async ({ db, tenant, viewer, input, returnTo }) => {
  const { order } = await placeAssistedOrder(db, tenant, viewer, input, clock());
  // The form's page is the customer's "order" page, in the language the person works in.
  const page = returnTo.split('?')[0]!;
  const customerPage = page.endsWith('/order') ? page.slice(0, -'/order'.length) : localePath(tenant.defaultLocale, tenant.defaultLocale, `/admin/customers/${input.organizationId}`);
  return {
    redirect: `${customerPage}?notice=placedFor`,
    json: { orderId: order.id, number: order.number, state: order.state },
  };
});
