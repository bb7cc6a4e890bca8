import { getDb } from '@/lib/db';
import { withTenant } from '@/lib/db/tenant';
import { can } from '@/lib/identity/access';
import { pageViewer } from '@/lib/identity/page';
import { csvResponse } from '@/lib/reporting/csv';
import { ORDER_CSV_HEADER, orderCsvBatches, parseOrderFilter } from '@/lib/reporting/orders';
import { notFoundResponse, personalContext, searchOf, type PersonalParams } from '../../../_components/personal';

export const dynamic = 'force-dynamic';

/** `/admin/orders/export?…`: the orders matching the list's filters as a CSV file, streamed. */
export async function GET(request: Request, context: PersonalParams): Promise<Response> {
  const found = await personalContext(request, context);
  if (!found) return notFoundResponse();
  const { tenant } = found;
  const viewer = await pageViewer(tenant);
  if (!can(viewer, tenant, 'portal:access')) return new Response('Sign in as the storefront’s staff to download its orders.\n', { status: viewer ? 403 : 401, headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' } });
  const { filter, problems } = parseOrderFilter(searchOf(request));
  if (problems.length) return new Response(`Some filters are not valid: ${problems.join('; ')}\n`, { status: 422, headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' } });
  const db = await getDb();
  const batches = orderCsvBatches((fn) => withTenant(db, tenant.id, fn), tenant.id, filter);
  const day = new Date().toISOString().slice(0, 10);
  return csvResponse(`${tenant.slug}-orders-${day}.csv`, ORDER_CSV_HEADER, batches);
}
