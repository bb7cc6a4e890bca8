import 'server-only';
import type { z } from 'zod';
import { getDb } from '../db';
import type { Db } from '../db/client';
import { trustedTenant } from '../middleware/trust';
import { getTenant } from '../tenancy/repo';
import type { Tenant } from '../tenancy/types';
import { ApiError, toResponse } from './errors';
import { verifyApiKey } from './keys';

export interface ApiContext<B> {
  db: Db;
  tenant: Tenant;
  body: B;
  url: URL;
}

/**
 * Every public API route is built with this: the tenant comes from the proxy (the request's host),
 * the bearer key must be a live key of that tenant, the tenant's plan must include API access
 * (Standard, or the distributor), and a JSON body is validated before the handler runs.
 */
export function withTenantApi<S extends z.ZodType | undefined>(
  options: { body?: S },
  handler: (ctx: ApiContext<S extends z.ZodType ? z.output<S> : undefined>) => Promise<Response>,
) {
  return async (request: Request): Promise<Response> => {
    try {
      const tenantId = trustedTenant(request.headers)?.tenantId;
      if (!tenantId) throw new ApiError(404, 'not_found', 'There is no storefront at this address.');
      const db = await getDb();
      const tenant = await getTenant(db, tenantId);
      if (!tenant) throw new ApiError(404, 'not_found', 'There is no storefront at this address.');
      const token = /^Bearer\s+(\S+)$/i.exec(request.headers.get('authorization') ?? '')?.[1];
      if (!token || !(await verifyApiKey(db, tenant.id, token))) {
        throw new ApiError(401, 'unauthorized', 'Send a valid API key of this storefront as "Authorization: Bearer <key>".');
      }
      if (tenant.kind === 'reseller' && tenant.plan !== 'standard') {
        throw new ApiError(403, 'plan_required', 'API access is part of the Standard plan.');
      }
      let body: unknown;
      if (options.body) {
        const text = await request.text();
        try {
          body = JSON.parse(text);
        } catch {
          throw new ApiError(400, 'invalid_json', 'The request body must be JSON.');
        }
        body = options.body.parse(body);
      }
      return await handler({ db, tenant, body: body as never, url: new URL(request.url) });
    } catch (error) {
      return toResponse(error);
    }
  };
}
