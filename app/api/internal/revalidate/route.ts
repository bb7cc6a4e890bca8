import { z } from 'zod';
import { readLimited } from '@/lib/http/body';
import { INTERNAL_HEADER, verifyInternal } from '@/lib/http/trust';
import { expireHere } from '@/lib/tenancy/invalidate';

export const dynamic = 'force-dynamic';

const body = z.object({ tags: z.array(z.string().regex(/^t:[0-9a-f-]{36}(:[a-z]+)?$/)).min(1).max(20) });

/**
 * A server asking itself to expire cache tags that another server changed (a NOTIFY arrived;
 * Next's cache can only be expired inside a request). Only this process can sign the request.
 */
export async function POST(request: Request): Promise<Response> {
  let text: string;
  try {
    text = new TextDecoder().decode(await readLimited(request, 4096));
  } catch {
    return new Response('Not found', { status: 404 });
  }
  if (!verifyInternal(text, request.headers.get(INTERNAL_HEADER))) return new Response('Not found', { status: 404 });
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return Response.json({ error: { code: 'invalid_json', message: 'The request body must be JSON.' } }, { status: 400 });
  }
  const parsed = body.safeParse(json);
  if (!parsed.success) return Response.json({ error: { code: 'invalid_input', message: 'tags: expected tenant cache tags' } }, { status: 422 });
  await expireHere(parsed.data.tags);
  return Response.json({ ok: true, expired: parsed.data.tags.length });
}
