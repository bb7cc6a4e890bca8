import { withTenantApi } from '@/lib/api/handler';
import { listMarkupRules, markupRuleInput, setMarkupRule } from '@/lib/pricing/markups';

export const dynamic = 'force-dynamic';

/** The storefront's markup rules (reseller, Standard plan). */
export const GET = withTenantApi({}, async ({ db, tenant }) => Response.json({ rules: await listMarkupRules(db, tenant) }));

/** Sets one rule: `{ scope: 'all'|'category'|'product', category?, product?, kind, basisPoints? | currency + amount? }`. */
export const PUT = withTenantApi({ body: markupRuleInput }, async ({ db, tenant, body }) =>
  Response.json({ rules: await setMarkupRule(db, tenant, body) }),
);
