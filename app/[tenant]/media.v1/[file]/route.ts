import { forTenant } from '@/lib/db';
import { mediaResponse, readMedia } from '@/lib/design/media';
import { getStorefrontTenant } from '@/lib/tenancy/queries';

export const dynamic = 'force-dynamic';

/** `/media/<hash>.png` on a storefront's host, as rewritten by the proxy: its logo files. */
export async function GET(_request: Request, { params }: { params: Promise<{ tenant: string; file: string }> }) {
  const { tenant: tenantId, file } = await params;
  const tenant = await getStorefrontTenant(tenantId);
  const image = tenant ? await forTenant(tenant.id, (db) => readMedia(db, tenant.id, file)) : null;
  if (!image) return new Response('Not found.\n', { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff' } });
  return mediaResponse(image);
}
