import { admitRequest } from '@/lib/db';
import { DomainError } from '@/lib/errors';
import { describeError, errorHeaders } from '@/lib/http/errors';
import { can, type Permission, type Viewer } from '@/lib/identity/access';
import { pageViewer } from '@/lib/identity/page-viewer';
import { localePath } from '@/lib/i18n/locales';
import { requestTenant } from '@/lib/tenancy/request';
import { showTenant } from '@/lib/design/shown';
import type { Tenant } from '@/lib/tenancy/types';
import type { StorefrontViewPage } from './document';
import { signInFirst } from './page-start';

type Segments = { tenant: string; locale: string };

/** Who may open a personal route: anyone (the cart), any signed-in person, or holders of a permission. */
type Access = 'anyone' | 'signed-in' | Permission;

export interface PersonalRequest<X, A extends Access> {
  request: Request;
  /** As this request shows it (its draft design for its staff in preview). */
  tenant: Tenant;
  locale: string;
  /** What a personal document is rendered for (`personalDocument`). */
  page: StorefrontViewPage;
  /** A path on this storefront in the request's locale. */
  path: (p: string) => string;
  /** Checked before the handler runs: signed in (and holding the permission) unless open to anyone. */
  viewer: A extends 'anyone' ? null : Viewer;
  /** The query string, as the pages' form feedback reads it. */
  search: Record<string, string>;
  params: Segments & X;
}

interface PersonalOptions<A extends Access> {
  access: A;
  /**
   * What someone not allowed gets ("not found" unless said): a page sends them to sign in (and back to `page`); a download
   * answers 401 or 403 in plain text; a private document is "not found", as if it did not exist.
   */
  refuse?: { page: string | ((params: Record<string, string>) => string) } | 'status' | 'not-found';
}

/**
 * The guarded GET of the storefront's route handlers (the account and the cart, CSV and PDF
 * downloads): the storefront and locale the proxy rewrote the path to (`requestTenant`), the
 * person and what they may do, then the handler. Forms post to `guardedRoute` in lib/identity.
 */
export function personalRoute<X extends object = object, A extends Access = Access>(
  options: PersonalOptions<A>,
  handler: (ctx: PersonalRequest<X, A>) => Promise<Response>,
): (request: Request, context: { params: Promise<Segments & X> }) => Promise<Response> {
  return async (request, context) => {
    try {
      return await admitRequest(() => answer(request, context));
    } catch (error) {
      // The embedded database too busy to take the request now (refused before it did anything):
      // say when to come back. Anything else (the sign-in redirect among it) is Next's to handle.
      if (!(error instanceof DomainError && error.code === 'overloaded')) throw error;
      const described = describeError(error);
      return text(described.status, described.message, errorHeaders(described));
    }
  };

  async function answer(request: Request, context: { params: Promise<Segments & X> }): Promise<Response> {
    const params = await context.params;
    const found = await requestTenant(request, params.tenant);
    if (!found || !found.tenant.locales.includes(params.locale)) return notFoundResponse();
    const { tenant, previewing } = await showTenant(found.tenant);
    const { locale } = params;
    const path = (p: string) => localePath(locale, tenant.defaultLocale, p);
    const page: StorefrontViewPage = { tenant, locale, path, previewing };
    let viewer: Viewer | null = null;
    if (options.access !== 'anyone') {
      viewer = await pageViewer(tenant);
      const allowed = viewer !== null && (options.access === 'signed-in' || can(viewer, tenant, options.access));
      if (!allowed) {
        const { refuse = 'not-found' } = options;
        if (refuse === 'not-found') return notFoundResponse();
        if (refuse !== 'status' && !viewer) signInFirst(path, path(typeof refuse.page === 'string' ? refuse.page : refuse.page(params)));
        return text(viewer ? 403 : 401, viewer ? 'You are signed in as someone who may not open this.' : 'Sign in to open this.');
      }
    }
    const search = Object.fromEntries(new URL(request.url).searchParams);
    return handler({ request, tenant, locale, page, path, viewer: viewer as PersonalRequest<X, A>['viewer'], search, params });
  }
}

export const text = (status: number, body: string, headers: Record<string, string> = {}) =>
  new Response(`${body}\n`, { status, headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store', ...headers } });

export const notFoundResponse = () => text(404, 'Not found.');
