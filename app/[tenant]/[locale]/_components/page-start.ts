import { forbidden, notFound, redirect } from 'next/navigation';
import { setRequestLocale } from 'next-intl/server';
import { shownTenant } from '@/lib/design/shown';
import { can, type Permission, type Viewer } from '@/lib/identity/access';
import { pageViewer } from '@/lib/identity/page-viewer';
import { localePath } from '@/lib/i18n/locales';
import type { Tenant } from '@/lib/tenancy/types';

/**
 * How every storefront page starts, in three steps up: a public page (`storefrontPage`), a page
 * of a signed-in person (`accountPage`), a page of the storefront's staff (`portalPage`). Each
 * step does what the one below does, so the sign-in redirect and the permission check are written
 * here once.
 */
export type StorefrontParams = Promise<{ tenant: string; locale: string }>;

export interface StorefrontPage {
  tenant: Tenant;
  locale: string;
  /** A path on this storefront in the page's locale. */
  path: (p: string) => string;
}

/** A page of a signed-in person, as accountPage and portalPage begin it. */
export type SignedInPage = StorefrontPage & { viewer: Viewer };

/** The tenant from the internal segment the proxy rewrote the host to (its design previewed, for its staff), the locale checked. */
export async function storefrontPage(params: StorefrontParams): Promise<StorefrontPage> {
  const { tenant: tenantId, locale } = await params;
  const shown = await shownTenant(tenantId);
  if (!shown || !shown.tenant.locales.includes(locale)) notFound();
  const { tenant } = shown;
  setRequestLocale(locale);
  return { tenant, locale, path: (p: string) => localePath(locale, tenant.defaultLocale, p) };
}

/**
 * A signed-in person's page: nobody signed in is sent to sign in and back to `page` (a path on
 * this storefront without the locale prefix, query included if it matters).
 */
export async function accountPage(params: StorefrontParams, page: string): Promise<SignedInPage> {
  const start = await storefrontPage(params);
  const viewer = await pageViewer(start.tenant);
  if (!viewer) signInFirst(start.path, start.path(page));
  return { ...start, viewer };
}

/** A page of the storefront's staff: signed in (as above) and holding `permission` (forbidden without it). */
export async function portalPage(params: StorefrontParams, page: string, permission: Permission = 'portal:access'): Promise<SignedInPage> {
  const start = await accountPage(params, page);
  if (!can(start.viewer, start.tenant, permission)) forbidden();
  return start;
}

/** Off to sign in, and back to `page` (a path on this storefront, locale prefix included) once signed in. */
export function signInFirst(path: (p: string) => string, page: string): never {
  redirect(`${path('/signin')}?callbackUrl=${encodeURIComponent(page)}`);
}
