import { ORDER_CSV_HEADER, orderCsvBatches, parseOrderFilter } from '@/lib/reporting/orders';
import { csvExport } from '../../../_components/csv-export';

export const dynamic = 'force-dynamic';

/** `/admin/orders/export?…`: the orders matching the list's filters as a CSV file, streamed. */
export const GET = csvExport({
  name: 'orders',
  header: ORDER_CSV_HEADER,
  parse: parseOrderFilter,
  batches: (run, tenant, filter) => orderCsvBatches(run, tenant.id, filter),
});
