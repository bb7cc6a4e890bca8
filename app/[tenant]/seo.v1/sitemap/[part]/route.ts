import { sitemapResponse } from '@/lib/seo/files';

export const dynamic = 'force-dynamic';

/** A storefront's `/sitemap.xml` (part `index`) and `/sitemaps/<n>.xml`, as rewritten by the proxy. */
export async function GET(request: Request, { params }: { params: Promise<{ tenant: string; part: string }> }) {
  const { tenant, part } = await params;
  return sitemapResponse(request, tenant, part);
}
