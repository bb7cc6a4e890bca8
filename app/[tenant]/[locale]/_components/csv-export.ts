import { getDb } from '@/lib/db';
import type { Db } from '@/lib/db/client';
import { withTenant } from '@/lib/db/tenant';
import { csvResponse } from '@/lib/reporting/csv';
import type { Tenant } from '@/lib/tenancy/types';
import { personalRoute, text } from './personal';

type Run = <T>(fn: (db: Db) => Promise<T>) => Promise<T>;

/**
 * A portal list as a CSV download for its staff (401/403 for anyone else): the list's filters
 * from the query string (a bad one is a 422 naming it), then the records streamed batch by batch,
 * each batch read in a transaction of its own scoped to the storefront.
 */
export function csvExport<F>(spec: {
  name: string;
  header: string[];
  parse: (search: Record<string, string>) => { filter: F; problems: string[] };
  batches: (run: Run, tenant: Tenant, filter: F, locale: string) => AsyncIterable<(string | number | null)[][]>;
}) {
  return personalRoute({ access: 'portal:access', refuse: 'status' }, async ({ tenant, locale, search }) => {
    const { filter, problems } = spec.parse(search);
    if (problems.length) return text(422, `Some filters are not valid: ${problems.join('; ')}`);
    const db = await getDb();
    const run: Run = (fn) => withTenant(db, tenant.id, fn);
    return csvResponse(`${tenant.slug}-${spec.name}-${new Date().toISOString().slice(0, 10)}.csv`, spec.header, spec.batches(run, tenant, filter, locale));
  });
}
