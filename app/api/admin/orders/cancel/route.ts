import { now } from '@/lib/clock';
import { guardedRoute } from '@/lib/identity/guard';
import { localePath } from '@/lib/i18n/locales';
import { cancelOrder, cancelOrderInput } from '@/lib/orders/cancel';

export const dynamic = 'force-dynamic';

/** The storefront's staff cancel an order nothing of which is set up, with a reason; back on its portal page. */
export const POST = guardedRoute({ permission: 'orders:act', input: cancelOrderInput }, async ({ db, tenant, viewer, input }) => {
  const order = await cancelOrder(db, tenant, viewer.email, input, now());
  const page = localePath(input.locale, tenant.defaultLocale, `/admin/orders/${order.id}`);
  return { redirect: `${page}?notice=orderCancelled`, json: { orderId: order.id, state: order.state } };
});
