import { now } from '@/lib/clock';
import { addDomain, hostnameInput } from '@/lib/domains';
import { guardedRoute } from '@/lib/identity/guard';

export const dynamic = 'force-dynamic';

/** A storefront admin adds a custom domain (Standard plan); it serves once verified. */
export const POST = guardedRoute({ permission: 'domains:manage', input: hostnameInput }, async ({ db, tenant, input }) => {
  const domain = await addDomain(db, tenant, input.hostname, now());
  return { notice: 'created', json: { hostname: domain.hostname, record: `_channelfront.${domain.hostname}`, token: domain.token } };
});
