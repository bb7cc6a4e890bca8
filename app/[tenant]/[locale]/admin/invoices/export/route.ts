import { INVOICE_CSV_HEADER, invoiceCsvBatches, parseInvoiceFilter } from '@/lib/reporting/invoices';
import { csvExport } from '../../../_components/csv-export';

export const dynamic = 'force-dynamic';

/** `/admin/invoices/export?…`: the invoices and credit notes matching the list's filters as a CSV file, streamed. */
export const GET = csvExport({
  name: 'invoices',
  header: INVOICE_CSV_HEADER,
  parse: parseInvoiceFilter,
  batches: (run, tenant, filter) => invoiceCsvBatches(run, tenant.id, filter),
});
