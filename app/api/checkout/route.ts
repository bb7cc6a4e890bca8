import { now as clock } from '@/lib/clock';
import { guardedRoute } from '@/lib/identity/guard';
import { localePath } from '@/lib/i18n/locales';
import { placeOrder, placeOrderInput } from '@/lib/orders/place';
import { checkoutPage } from '@/lib/payments';

export const dynamic = 'force-dynamic';

/**
 * Places the order for the customer admin's organisation. On account it is accepted at once; by
 * card the customer goes on to Stripe's payment page. The idempotency key from the checkout page
 * makes a double submit or a retried request land on the one order (and the same payment page).
 */
export const POST = guardedRoute(
  { permission: 'organization:manage', input: placeOrderInput, organization: (input) => input.organizationId },
  async ({ db, tenant, viewer, input, origin }) => {
    const now = clock();
    const { order } = await placeOrder(db, tenant, viewer, input, now);
    const orderPath = localePath(input.locale, tenant.defaultLocale, `/account/orders/${order.id}`);
    if (order.paymentMethod === 'card' && order.state === 'awaiting_payment') {
      const url = await checkoutPage(db, tenant, order, origin, orderPath, localePath(input.locale, tenant.defaultLocale, '/checkout'));
      return { redirect: url, json: { orderId: order.id, number: order.number, state: order.state, paymentUrl: url } };
    }
    return { redirect: `${orderPath}?notice=placed`, json: { orderId: order.id, number: order.number, state: order.state } };
  },
);
