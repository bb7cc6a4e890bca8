import 'server-only';
import { cookies, headers } from 'next/headers';
import { platformDomain, publicOrigin } from '../config/platform';
import { getDb } from '../db';
import type { Db } from '../db/client';
import { withTenant } from '../db/tenant';
import { normaliseHost } from '../input/host';
import type { Tenant } from '../tenancy/types';
import type { Viewer } from './access';
import { sessionCookieName } from './cookies';
import { loadViewer, recentViewer } from './viewer';

/** The origin the browser used for this page (its host as the proxy vouched for it). */
export async function pageOrigin(): Promise<string> {
  return publicOrigin(normaliseHost((await headers()).get('host')) ?? platformDomain());
}

/**
 * A signed-in page's reads in one transaction scoped to the page's tenant: the person (checked on
 * the server by the page itself, the proxy is not the only check; nobody for a forged
 * sub-request) and whatever `load` reads for them.
 */
export async function personalPage<T>(tenant: Tenant, load: (db: Db, viewer: Viewer | null) => Promise<T>): Promise<T> {
  const token = await pageToken();
  return withTenant(await getDb(), tenant.id, async (db) => load(db, await loadViewer(db, tenant.id, token)));
}

async function pageToken(): Promise<string | null> {
  const forged = (await headers()).has('x-middleware-subrequest');
  return forged ? null : ((await cookies()).get(sessionCookieName(await pageOrigin()))?.value ?? null);
}

/** The signed-in person for an account or portal page, bound to the page's tenant. */
export async function pageViewer(tenant: Tenant): Promise<Viewer | null> {
  // A page that needs nothing but the person asks the database only when it was not looked up
  // in the last few seconds (lib/identity/viewer.ts).
  return recentViewer(tenant.id, await pageToken()) ?? personalPage(tenant, async (_db, viewer) => viewer);
}
