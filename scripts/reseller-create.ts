// `npm run reseller:create -- --name "Newco Ltd" --slug newco --admin nina@newco.test [--country NL]
// [--currency EUR] [--credit-limit 5000] [--tax-id NL123]`: creates a reseller company on the
// distributor's storefront (reselling enabled, its storefront address reserved) and invites its
// first admin by mail. The company starts on Basic; the distributor activates a plan from /admin,
// or the company buys one. Uses DATABASE_OWNER_URL or DATABASE_URL, or the embedded database
// under .data/ (stop `npm run dev` first: PGlite allows one process per data directory).
import { parseArgs } from 'node:util';
import { platformDomain, publicOrigin } from '../lib/config/platform';
import { openOwnerDatabase } from '../lib/db/owner';
import { withTenant } from '../lib/db/tenant';
import { describeError } from '../lib/http/errors';
import { companyInput, createResellerCompany } from '../lib/reselling/companies';
import { findDistributor } from '../lib/tenancy/repo';

const usage = 'usage: npm run reseller:create -- --name <company> --admin <email> [--slug <address>] [--country NL] [--currency EUR] [--credit-limit 5000] [--tax-id <id>]';
let values: Record<string, string | undefined>;
try {
  ({ values } = parseArgs({
    options: {
      name: { type: 'string' },
      slug: { type: 'string' },
      admin: { type: 'string' },
      country: { type: 'string' },
      currency: { type: 'string' },
      'credit-limit': { type: 'string' },
      'tax-id': { type: 'string' },
    },
  }) as { values: Record<string, string | undefined> });
} catch (error) {
  console.error(`${(error as Error).message}\n${usage}`);
  process.exit(2);
}
if (!values.name || !values.admin) {
  console.error(usage);
  process.exit(2);
}

const handle = await openOwnerDatabase();
try {
  const distributor = await findDistributor(handle.db);
  if (!distributor) throw new Error('no distributor tenant: run `npm run db:seed` (or start the app once) first');
  const parsed = companyInput.safeParse({
    name: values.name,
    admin: values.admin,
    slug: values.slug,
    country: values.country ?? 'NL',
    currency: values.currency ?? distributor.defaultCurrency,
    creditLimit: values['credit-limit'],
    taxId: values['tax-id'],
  });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) console.error(`--${String(issue.path[0] ?? 'input').replace('creditLimit', 'credit-limit').replace('taxId', 'tax-id')}: ${issue.message}`);
    process.exitCode = 1;
  } else {
    const org = await withTenant(handle.db, distributor.id, (tx) =>
      createResellerCompany(tx, distributor, parsed.data, { invitedBy: 'command line', inviter: distributor.name, origin: publicOrigin(platformDomain()), locale: distributor.defaultLocale }),
    );
    console.log(`${org.name}: created on ${distributor.name}'s storefront (reselling enabled${org.storefrontSlug ? `, address "${org.storefrontSlug}" reserved` : ''}); ${parsed.data.admin} is invited as its admin.`);
  }
} catch (error) {
  const { message, details } = describeError(error);
  console.error(`nothing was created: ${message}${details?.length ? ` (${details.join('; ')})` : ''}`);
  process.exitCode = 1;
} finally {
  await handle.close();
}
