import 'server-only';
import { z } from 'zod';
import { getDb } from '../db';
import type { Db } from '../db/client';
import { trustedTenant } from '../middleware/trust';
import { getTenant } from '../tenancy/repo';
import type { Tenant } from '../tenancy/types';
import { AccessError, can, type Permission, type Viewer } from './access';
import { loadViewer, sessionTokenFrom } from './viewer';

export interface GuardContext<I> {
  db: Db;
  tenant: Tenant;
  viewer: Viewer | null;
  input: I;
  origin: string;
  request: Request;
  /** The page the form came from (a path on this storefront), where the answer goes back to. */
  returnTo: string;
}

export type GuardResult = { notice?: string; redirect?: string; json?: unknown } | Response;

interface GuardOptions<S extends z.ZodType> {
  /** Null for public entry points (sign-in); otherwise checked before the handler runs. */
  permission: Permission | null;
  input: S;
  /** For organisation permissions: which organisation, taken from the validated input. */
  organization?: (input: z.output<S>) => string;
}

const returnToSchema = z.string().regex(/^\/(?!\/)[\w\-./?=&%]*$/).max(300);

/**
 * Every form and route handler of the account and portal is built with this one wrapper: it
 * resolves the tenant (only as vouched for by the proxy), the session (bound to that tenant), the
 * declared permission, and validates the input with zod before the handler runs. Browsers posting
 * forms get a 303 back to the page with a notice or an error; API clients get JSON and a status.
 */
export function guardedRoute<S extends z.ZodType>(options: GuardOptions<S>, handler: (ctx: GuardContext<z.output<S>>) => Promise<GuardResult>) {
  return async (request: Request): Promise<Response> => {
    const form = (request.headers.get('content-type') ?? '').includes('form');
    let returnTo = '/';
    try {
      const vouched = trustedTenant(request.headers);
      if (!vouched) throw new AccessError(404, 'notFound');
      const db = await getDb();
      const tenant = await getTenant(db, vouched.tenantId);
      if (!tenant) throw new AccessError(404, 'notFound');
      const raw = form ? Object.fromEntries(await request.formData()) : await request.json().catch(() => {
        throw new AccessError(422, 'invalid', 'body: JSON expected');
      });
      const { returnTo: rawReturn, ...fields } = (raw ?? {}) as Record<string, unknown>;
      const parsedReturn = returnToSchema.safeParse(rawReturn);
      if (parsedReturn.success) returnTo = parsedReturn.data;
      const viewer = await loadViewer(db, tenant.id, sessionTokenFrom(request.headers.get('cookie')));
      if (options.permission && !viewer) throw new AccessError(401, 'unauthenticated');
      if (options.permission && !options.organization && !can(viewer, tenant, options.permission)) throw new AccessError(403, 'forbidden');
      const input = options.input.parse(fields) as z.output<S>;
      // An organisation one does not belong to is "not found", as if it did not exist.
      if (options.permission && options.organization && !can(viewer, tenant, options.permission, options.organization(input))) {
        throw new AccessError(404, 'notFound');
      }
      const result = await handler({ db, tenant, viewer, input, origin: vouched.origin, request, returnTo });
      if (result instanceof Response) return result;
      if (!form) return Response.json({ ok: true, ...(result.json !== undefined ? { data: result.json } : {}) });
      return redirect(result.redirect ?? withParam(returnTo, 'notice', result.notice));
    } catch (error) {
      return failure(error, form, returnTo);
    }
  };
}

function withParam(path: string, key: string, value: string | undefined): string {
  if (!value) return path;
  const url = new URL(path, 'http://x');
  url.searchParams.set(key, value);
  return `${url.pathname}${url.search}`;
}

function redirect(location: string): Response {
  return new Response(null, { status: 303, headers: { location } });
}

function failure(error: unknown, form: boolean, returnTo: string): Response {
  let status = 500;
  let code = 'internal';
  let message = 'Something went wrong on our side. Please try again.';
  if (error instanceof AccessError) {
    status = error.status;
    code = error.code;
    message = error.message;
  } else if (error instanceof z.ZodError) {
    status = 422;
    code = 'invalid';
    message = error.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('; ');
  } else {
    console.error('guarded route failed', error);
  }
  if (form) {
    if (status === 401) return redirect(withParam('/signin', 'callbackUrl', returnTo));
    const back = withParam(returnTo, 'error', code);
    return redirect(code === 'invalid' ? withParam(back, 'details', message) : back);
  }
  return Response.json({ error: { code, message } }, { status });
}
