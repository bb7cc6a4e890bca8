import { z } from 'zod';
import { INTERNAL_HEADER, verifyInternal } from '@/lib/http/trust';
import { expireHere } from '@/lib/tenancy/invalidate';

export const dynamic = 'force-dynamic';

const body = z.object({ tags: z.array(z.string().regex(/^t:[0-9a-f-]{36}(:[a-z]+)?$/)).min(1).max(20) });

/**
 * A server asking itself to expire cache tags that another server changed (a NOTIFY arrived;
 * Next's cache can only be expired inside a request). Only this process can sign the request.
 */
export async function POST(request: Request): Promise<Response> {
  const text = await request.text();
  if (!verifyInternal(text, request.headers.get(INTERNAL_HEADER))) return new Response('Not found', { status: 404 });
  const parsed = body.safeParse(JSON.parse(text));
  if (!parsed.success) return Response.json({ error: { code: 'invalid_input', message: 'tags: expected tenant cache tags' } }, { status: 422 });
  await expireHere(parsed.data.tags);
  return Response.json({ ok: true, expired: parsed.data.tags.length });
}
