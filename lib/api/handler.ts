import 'server-only';
import type { z } from 'zod';
import { settings } from '../config/settings';
import { admitRequest, getDb } from '../db';
import type { Db } from '../db/client';
import { withTenant } from '../db/tenant';
import { DomainError } from '../errors';
import { namingMissing } from '../input/fields';
import { assertCleanText, readLimited, utf8 } from '../http/body';
import { errorResponse } from '../http/errors';
import { requestTenant } from '../tenancy/request';
import type { Tenant } from '../tenancy/types';
import { verifyApiKey } from './keys';

export interface ApiContext<B> {
  /** The request's transaction, scoped to the tenant by row-level security. */
  db: Db;
  tenant: Tenant;
  body: B;
  url: URL;
}

/**
 * Every public API route is built with this: the tenant comes from the proxy (the request's host),
 * the bearer key must be a live key of that tenant, the tenant's plan must include API access
 * (Standard, or the distributor), and a JSON body (bounded, no control characters) is validated
 * before the handler runs, inside one transaction scoped to the tenant. Bearer calls carry no
 * browser cookies, so they need no origin check.
 */
export function withTenantApi<S extends z.ZodType | undefined>(
  options: { body?: S },
  handler: (ctx: ApiContext<S extends z.ZodType ? z.output<S> : undefined>) => Promise<Response>,
) {
  return async (request: Request): Promise<Response> => {
    try {
      const tenant = (await requestTenant(request))?.tenant;
      if (!tenant) throw new DomainError('not_found', 'There is no storefront at this address.');
      const token = /^Bearer\s+(\S+)$/i.exec(request.headers.get('authorization') ?? '')?.[1];
      let body: unknown;
      if (options.body) {
        const type = (request.headers.get('content-type') ?? '').toLowerCase();
        if (!type.startsWith('application/json')) throw new DomainError('unsupported_media_type', 'Send the body as JSON (Content-Type: application/json).');
        const text = utf8(await readLimited(request, settings().maxBodyBytes));
        try {
          body = JSON.parse(text);
        } catch {
          throw new DomainError('invalid_json', 'The request body must be JSON.');
        }
        assertCleanText(body);
      }
      return await admitRequest(async () => withTenant(await getDb(), tenant.id, async (db) => {
        if (!token || !(await verifyApiKey(db, tenant.id, token))) throw new DomainError('unauthorized');
        if (tenant.kind === 'reseller' && tenant.plan !== 'standard') throw new DomainError('plan_required', 'API access is part of the Standard plan.');
        let parsed: unknown;
        if (options.body) {
          const result = options.body.safeParse(body);
          if (!result.success) throw body && typeof body === 'object' ? namingMissing(result.error, body as Record<string, unknown>) : result.error;
          parsed = result.data;
        }
        return handler({ db, tenant, body: parsed as never, url: new URL(request.url) });
      }));
    } catch (error) {
      return errorResponse(error);
    }
  };
}
