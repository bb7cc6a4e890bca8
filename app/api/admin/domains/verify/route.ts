import { now } from '@/lib/clock';
import { hostnameInput, verifyDomain } from '@/lib/domains';
import { DomainError } from '@/lib/errors';
import { guardedRoute } from '@/lib/identity/guard';

export const dynamic = 'force-dynamic';

/** Looks the domain's TXT record up; verified, the host serves the storefront. */
export const POST = guardedRoute({ permission: 'domains:manage', input: hostnameInput }, async ({ db, tenant, input }) => {
  const verified = await verifyDomain(db, tenant, input.hostname, now());
  if (!verified) throw new DomainError('domain_unverified', `The TXT record _channelfront.${input.hostname} does not hold this domain's token yet. DNS changes can take a while to appear; try again later.`, { hostname: input.hostname });
  return { notice: 'saved', json: { verified } };
});
