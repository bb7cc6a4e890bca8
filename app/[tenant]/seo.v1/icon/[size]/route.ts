import { forTenant } from '@/lib/db';
import { readMedia } from '@/lib/design/media';
import { ICON_SIZES, storefrontIcon, type IconKind } from '@/lib/seo/icon';
import { getStorefrontTenant } from '@/lib/tenancy/queries';

export const dynamic = 'force-dynamic';

/** `/favicon.ico` and `/apple-touch-icon.png` of a storefront, as rewritten by the proxy. */
export async function GET(_request: Request, { params }: { params: Promise<{ tenant: string; size: string }> }) {
  const { tenant: tenantId, size } = await params;
  const tenant = await getStorefrontTenant(tenantId);
  if (!tenant || !Object.hasOwn(ICON_SIZES, size)) return new Response('Not found.\n', { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' } });
  // A storefront with a logo has icons made from it (lib/design/logo.ts); the others get its initial.
  const logoFile = tenant.logo ? (size === 'favicon' ? tenant.logo.favicon : tenant.logo.touch) : null;
  const image = logoFile ? await forTenant(tenant.id, (db) => readMedia(db, tenant.id, logoFile)) : null;
  if (image) return new Response(new Uint8Array(image.bytes), { headers: { 'content-type': image.contentType, 'cache-control': 'public, max-age=3600', 'x-content-type-options': 'nosniff' } });
  const png = await storefrontIcon(tenant, size as IconKind);
  return new Response(png, { headers: { 'content-type': 'image/png', 'cache-control': 'public, max-age=3600' } });
}
