import { z } from 'zod';
import { createApiKey } from '@/lib/api/keys';
import { guardedRoute } from '@/lib/identity/guard';
import { escapeHtml } from '@/lib/content/markdown';
import { assertPlanAllows } from '@/lib/reselling/plans';

export const dynamic = 'force-dynamic';

const input = z.object({ name: z.string().trim().min(2, 'at least 2 characters').max(80) });

/**
 * A storefront admin creates an API key (Standard plan). The token is shown once, in this answer:
 * it is never stored, and never put in a URL (where logs and history would keep it).
 */
export const POST = guardedRoute({ permission: 'commerce:manage', input }, async ({ db, tenant, input, request, returnTo }) => {
  assertPlanAllows(tenant, 'api');
  const { token } = await createApiKey(db, tenant.id, input.name);
  if (!(request.headers.get('content-type') ?? '').includes('form')) return Response.json({ ok: true, data: { token } }, { headers: { 'cache-control': 'no-store' } });
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex"><title>New API key</title><style>body{font:16px/1.5 system-ui,sans-serif;color:#1f2937;background:#f9fafb;display:grid;place-items:center;min-height:100vh;margin:0}main{max-width:40rem;padding:2rem}code{display:block;padding:1rem;background:#fff;border:1px solid #d1d5db;word-break:break-all;font-size:1.05rem}a{color:#2563eb}</style></head><body><main><h1>New API key “${escapeHtml(input.name)}”</h1><p>Copy it now: it is not shown again. Send it as <code style="display:inline;padding:0 .25rem">Authorization: Bearer &lt;key&gt;</code>.</p><code data-testid="api-token">${escapeHtml(token)}</code><p><a href="${escapeHtml(returnTo)}">Back to API keys</a></p></main></body></html>`;
  return new Response(html, { status: 201, headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' } });
});
