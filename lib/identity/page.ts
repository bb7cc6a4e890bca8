import 'server-only';
import { cookies, headers } from 'next/headers';
import { platformDomain, publicOrigin } from '../config/platform';
import { getDb } from '../db';
import { withTenant } from '../db/tenant';
import { normaliseHost } from '../tenancy/host';
import type { Tenant } from '../tenancy/types';
import type { Viewer } from './access';
import { sessionCookieName } from './cookies';
import { loadViewer } from './viewer';

/**
 * The signed-in person for an account or portal page, checked on the server by the page itself
 * (the proxy is not the only check): bound to the page's tenant, nobody for a forged sub-request.
 */
export async function pageViewer(tenant: Tenant): Promise<Viewer | null> {
  if ((await headers()).has('x-middleware-subrequest')) return null;
  const host = normaliseHost((await headers()).get('host'));
  const name = sessionCookieName(publicOrigin(host ?? platformDomain()));
  const token = (await cookies()).get(name)?.value ?? null;
  return withTenant(await getDb(), tenant.id, (db) => loadViewer(db, tenant.id, token));
}
