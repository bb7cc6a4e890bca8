import 'server-only';
import { z } from 'zod';
import { settings } from '../config/settings';
import { admitRequest, getDb } from '../db';
import type { Db } from '../db/client';
import { withTenant } from '../db/tenant';
import { DomainError, type ErrorCode } from '../errors';
import { assertCleanText, readFields, type BodyKind } from '../http/body';
import { describeError, detailsParam, errorHeaders } from '../http/errors';
import { assertSameOrigin, requestOrigin } from '../http/origin';
import { namingMissing } from '../input/fields';
import { safeReturnPath, samePath } from '../http/redirect';
import { requestTenant } from '../tenancy/request';
import { closedInServiceMode, type Tenant } from '../tenancy/types';
import { can, type Permission, type Viewer } from './access';
import { loadViewer, sessionTokenFrom } from './viewer';

export interface GuardContext<I, V extends Viewer | null = Viewer | null> {
  /** The request's transaction, scoped to the tenant by row-level security. */
  db: Db;
  tenant: Tenant;
  /** Signed in whenever the route declares a permission (it was checked before the handler runs). */
  viewer: V;
  input: I;
  origin: string;
  request: Request;
  /** The page the form came from (a path on this storefront), where the answer goes back to. */
  returnTo: string;
  /** The uploaded file's bytes, for routes that accept one (`upload`). */
  file?: Uint8Array;
  /** What the route's `prepare` answered, before the transaction. */
  prepared?: unknown;
}

/** `cookies`: Set-Cookie values sent with the answer (a preference the cached pages read, never a session). */
export type GuardResult = { notice?: string; redirect?: string; json?: unknown; cookies?: string[] } | Response;

interface GuardOptions<S extends z.ZodType, P extends Permission | null> {
  /** Null for public entry points (sign-in); otherwise checked before the handler runs. */
  permission: P;
  input: S;
  /** For organisation permissions: which organisation, taken from the validated input. */
  organization?: (input: z.output<S>) => string;
  /**
   * A multipart form may carry one file in this field, of at most `maxBytes`. A larger body is
   * refused with `tooLarge()`, which a form shows on its page like any other error.
   */
  upload?: { field: string; maxBytes: number; tooLarge: () => Error };
  /** Fields that may be long-form text (up to LONG_FIELD_MAX characters rather than FIELD_MAX). */
  longFields?: readonly string[];
  /**
   * Work that must not hold the request's transaction open (a call to an outside service, such as
   * VIES): run on the validated input before the transaction begins, for callers with a session
   * only; what it answers is the handler's `prepared`. A refusal it throws is answered as any other.
   */
  prepare?: (input: z.output<S>) => Promise<unknown>;
}

// The multipart envelope and the form's other fields around an uploaded file.
const FORM_OVERHEAD = 64 * 1024;

/**
 * Every form and route handler of the account and portal is built with this one wrapper. In order:
 * the tenant (only as vouched for by the proxy), the request's origin (a post from any other site,
 * a sibling storefront included, is refused), the body (form or JSON, bounded, no control
 * characters), then inside one transaction scoped to the tenant: the session, the declared
 * permission, the zod-validated input and the handler. Any error rolls the transaction back, so a
 * refused request changes nothing. Browsers posting forms get a 303 back to the page with a notice
 * or an error; API clients get JSON and a status.
 */
export function guardedRoute<S extends z.ZodType, P extends Permission | null>(
  options: GuardOptions<S, P>,
  handler: (ctx: GuardContext<z.output<S>, P extends Permission ? Viewer : Viewer | null>) => Promise<GuardResult>,
) {
  return async (request: Request): Promise<Response> => {
    let kind: BodyKind = (request.headers.get('content-type') ?? '').includes('form') ? 'form' : 'json';
    let returnTo = '/';
    try {
      const found = await requestTenant(request);
      if (!found) throw new DomainError('not_found');
      const { tenant, origin } = found;
      assertSameOrigin(request.headers, requestOrigin(request.headers, origin), { strictScheme: settings().publicScheme !== null });
      // Back on Basic: the cart, checkout and the portal's changes wait for a storefront plan.
      if (closedInServiceMode(tenant, new URL(request.url).pathname)) throw new DomainError('storefront_closed');
      const upload = options.upload;
      const body = upload
        ? await readFields(request, upload.maxBytes + FORM_OVERHEAD, upload.field).catch((error: unknown) => {
            if (!(error instanceof DomainError && error.code === 'payload_too_large')) throw error;
            // The form's returnTo was never read: the answer goes back to the page the form is on.
            returnTo = samePath(request.headers.get('referer'), origin);
            throw upload.tooLarge();
          })
        : await readFields(request, settings().maxBodyBytes);
      kind = body.kind;
      const { returnTo: rawReturn, ...fields } = body.fields;
      returnTo = safeReturnPath(rawReturn);
      // NUL and other control characters (PostgreSQL refuses them in text), oversized fields: 422.
      assertCleanText(fields, '', 0, options.longFields);
      const token = sessionTokenFrom(request.headers.get('cookie'), origin);
      // Outside the transaction: the embedded database runs one at a time, and a slow outside
      // service would hold every other request up.
      let prepared: unknown;
      if (options.prepare) {
        if (options.permission && !token) throw new DomainError('unauthenticated');
        const early = options.input.safeParse(fields);
        if (early.success) prepared = await options.prepare(early.data as z.output<S>);
      }
      // On the embedded database, a request waits its turn here or is refused before doing anything.
      const result = await admitRequest(async () => withTenant(await getDb(), tenant.id, async (db) => {
        const viewer = await loadViewer(db, tenant.id, token);
        if (options.permission && !viewer) throw new DomainError('unauthenticated');
        if (options.permission && !options.organization && !can(viewer, tenant, options.permission)) throw new DomainError('forbidden');
        const parsed = options.input.safeParse(fields);
        if (!parsed.success) throw namingMissing(parsed.error, fields);
        const input = parsed.data as z.output<S>;
        // An organisation one does not belong to is "not found", as if it did not exist.
        if (options.permission && options.organization && !can(viewer, tenant, options.permission, options.organization(input))) {
          throw new DomainError('not_found');
        }
        // A declared permission was checked above, so its handler is only reached with a viewer.
        const ctx = { db, tenant, viewer, input, origin, request, returnTo, prepared, ...(body.file ? { file: body.file } : {}) };
        return handler(ctx as GuardContext<z.output<S>, P extends Permission ? Viewer : Viewer | null>);
      }));
      if (result instanceof Response) return result;
      const answer = kind === 'json' ? Response.json({ ok: true, ...(result.json !== undefined ? { data: result.json } : {}) }) : redirect(result.redirect ?? withParam(returnTo, 'notice', result.notice));
      for (const cookie of result.cookies ?? []) answer.headers.append('set-cookie', cookie);
      return answer;
    } catch (error) {
      return failure(error, kind, returnTo);
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
  return new Response(null, { status: 303, headers: { location, 'cache-control': 'no-store' } });
}

/**
 * Forms go back to their page with the error's code (and the details of invalid input); requests
 * that must not be acted on at all (from another site, too large, unreadable) get the status itself
 * with a message, as does every JSON client.
 */
const REFUSED_OUTRIGHT = new Set<ErrorCode>(['cross_origin', 'payload_too_large', 'unsupported_media_type', 'bad_request', 'invalid_json']);

function failure(error: unknown, kind: BodyKind, returnTo: string): Response {
  const described = describeError(error);
  const { status, code, message } = described;
  const headers = { 'cache-control': 'no-store', ...errorHeaders(described) };
  if (kind === 'form' && !REFUSED_OUTRIGHT.has(code)) {
    if (status === 401) return redirect(withParam('/signin', 'callbackUrl', returnTo));
    return redirect(withParam(withParam(returnTo, 'error', code), 'details', detailsParam(described)));
  }
  if (kind === 'form') return new Response(`${message}\n`, { status, headers: { ...headers, 'content-type': 'text/plain; charset=utf-8' } });
  const { status: _status, ...body } = described;
  return Response.json({ error: body }, { status, headers });
}
