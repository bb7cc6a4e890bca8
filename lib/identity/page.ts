import 'server-only';
import { cookies, headers } from 'next/headers';
import { getDb } from '../db';
import type { Tenant } from '../tenancy/types';
import type { Viewer } from './access';
import { SESSION_COOKIES } from './auth';
import { loadViewer } from './viewer';

/**
 * The signed-in person for an account or portal page, checked on the server by the page itself
 * (the proxy is not the only check): bound to the page's tenant, nobody for a forged sub-request.
 */
export async function pageViewer(tenant: Tenant): Promise<Viewer | null> {
  if ((await headers()).has('x-middleware-subrequest')) return null;
  const jar = await cookies();
  const token = SESSION_COOKIES.map((name) => jar.get(name)?.value).find(Boolean) ?? null;
  return loadViewer(await getDb(), tenant.id, token);
}
