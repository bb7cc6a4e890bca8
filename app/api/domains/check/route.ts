import { getDb } from '@/lib/db';
import { hostIsVerified } from '@/lib/domains';
import { normaliseHost } from '@/lib/input/host';

export const dynamic = 'force-dynamic';

/**
 * For an on-demand TLS proxy (Caddy's `on_demand_tls { ask … }`): 200 only for a verified custom
 * domain, so certificates are issued for those and nothing else. Any host may ask (the proxy asks
 * on its own behalf); the answer names no storefront.
 */
export async function GET(request: Request): Promise<Response> {
  const raw = new URL(request.url).searchParams.get('domain') ?? '';
  const host = normaliseHost(raw.slice(0, 260));
  const ok = !!host && (await hostIsVerified(await getDb(), host));
  return new Response(ok ? 'ok\n' : 'not a verified domain\n', { status: ok ? 200 : 404, headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' } });
}
