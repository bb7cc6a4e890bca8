import { CUSTOMER_CSV_HEADER, customerCsvBatches, parseCustomerFilter } from '@/lib/reporting/customers';
import { csvExport } from '../../../_components/csv-export';

export const dynamic = 'force-dynamic';

/** `/admin/customers/export?…`: the customers matching the list's filters as a CSV file, streamed. */
export const GET = csvExport({
  name: 'customers',
  header: CUSTOMER_CSV_HEADER,
  parse: parseCustomerFilter,
  batches: (run, tenant, filter) => customerCsvBatches(run, tenant.id, filter),
});
