import { parseSubscriptionFilter, SUBSCRIPTION_CSV_HEADER, subscriptionCsvBatches } from '@/lib/reporting/subscriptions';
import { csvExport } from '../../../_components/csv-export';

export const dynamic = 'force-dynamic';

/** `/admin/subscriptions/export?…`: the subscriptions matching the list's filters as a CSV file, streamed. */
export const GET = csvExport({
  name: 'subscriptions',
  header: SUBSCRIPTION_CSV_HEADER,
  parse: parseSubscriptionFilter,
  batches: (run, tenant, filter, locale) => subscriptionCsvBatches(run, tenant.id, filter, locale),
});
