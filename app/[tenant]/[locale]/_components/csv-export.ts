import { getDb } from '@/lib/db';
import type { Db } from '@/lib/db/client';
import { withTenant } from '@/lib/db/tenant';
import { can } from '@/lib/identity/access';
import { pageViewer } from '@/lib/identity/page-viewer';
import { csvResponse } from '@/lib/reporting/csv';
import type { Tenant } from '@/lib/tenancy/types';
import { notFoundResponse, personalContext, searchOf, type PersonalParams } from './personal';

type Run = <T>(fn: (db: Db) => Promise<T>) => Promise<T>;

const text = (status: number, body: string) => new Response(`${body}\n`, { status, headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' } });

/**
 * A portal list as a CSV download for its staff: the list's filters from the query string (a bad
 * one is a 422 naming it), then the records streamed batch by batch, each batch read in a
 * transaction of its own scoped to the storefront.
 */
export async function csvExport<F>(
  request: Request,
  context: PersonalParams,
  spec: {
    name: string;
    header: string[];
    parse: (search: Record<string, string>) => { filter: F; problems: string[] };
    batches: (run: Run, tenant: Tenant, filter: F, locale: string) => AsyncIterable<(string | number | null)[][]>;
  },
): Promise<Response> {
  const found = await personalContext(request, context);
  if (!found) return notFoundResponse();
  const { tenant, locale } = found;
  const viewer = await pageViewer(tenant);
  if (!can(viewer, tenant, 'portal:access')) return text(viewer ? 403 : 401, 'Sign in as the storefront’s staff to download this.');
  const { filter, problems } = spec.parse(searchOf(request));
  if (problems.length) return text(422, `Some filters are not valid: ${problems.join('; ')}`);
  const db = await getDb();
  const run: Run = (fn) => withTenant(db, tenant.id, fn);
  return csvResponse(`${tenant.slug}-${spec.name}-${new Date().toISOString().slice(0, 10)}.csv`, spec.header, spec.batches(run, tenant, filter, locale));
}
