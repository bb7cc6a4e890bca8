import { ORDER_CSV_HEADER, orderCsvBatches, parseOrderFilter } from '@/lib/reporting/orders';
import { csvExport } from '../../../_components/csv-export';
import type { PersonalParams } from '../../../_components/personal';

export const dynamic = 'force-dynamic';

/** `/admin/orders/export?…`: the orders matching the list's filters as a CSV file, streamed. */
export function GET(request: Request, context: PersonalParams): Promise<Response> {
  return csvExport(request, context, {
    name: 'orders',
    header: ORDER_CSV_HEADER,
    parse: parseOrderFilter,
    batches: (run, tenant, filter) => orderCsvBatches(run, tenant.id, filter),
  });
}
