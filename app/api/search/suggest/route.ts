import { suggestProducts } from '@/lib/catalog/suggest';
import { requestTenant } from '@/lib/tenancy/request';

export const dynamic = 'force-dynamic';

const json = (body: unknown, status = 200, cache = 'no-store') =>
  Response.json(body, { status, headers: { 'cache-control': cache } });

/**
 * `GET /api/search/suggest?q=micro&locale=de`: up to six products of this storefront for what a
 * visitor is typing, `{ suggestions: [{ name, url }] }`. The storefront is the one the proxy
 * resolved from the host.
 */
export async function GET(request: Request) {
  const tenant = (await requestTenant(request))?.tenant;
  if (!tenant) return json({ error: 'not_found', message: 'There is no storefront here.' }, 404);
  const params = new URL(request.url).searchParams;
  const q = params.get('q') ?? '';
  const locale = params.get('locale') ?? tenant.defaultLocale;
  if (q.length > 100) return json({ error: 'invalid_input', message: 'q must be at most 100 characters.' }, 400);
  if (!tenant.locales.includes(locale)) return json({ error: 'invalid_input', message: `locale must be one of ${tenant.locales.join(', ')}.` }, 400);
  const suggestions = await suggestProducts(tenant, locale, q);
  // The same for every visitor of the storefront: a shared cache may keep it briefly.
  return json({ suggestions }, 200, 'public, max-age=60, s-maxage=60');
}
