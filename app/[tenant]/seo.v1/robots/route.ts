import { robotsResponse } from '@/lib/seo/files';

export const dynamic = 'force-dynamic';

/** A storefront's `/robots.txt`, as rewritten by the proxy (other hosts are answered there). */
export async function GET(request: Request, { params }: { params: Promise<{ tenant: string }> }) {
  return robotsResponse(request, (await params).tenant);
}
