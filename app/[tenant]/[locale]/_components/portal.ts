import { forbidden, redirect } from 'next/navigation';
import { can, type Permission } from '@/lib/identity/access';
import { pageViewer } from '@/lib/identity/page-viewer';
import { localePath } from '@/lib/i18n/locales';
import { storefrontContext, type StorefrontParams } from './storefront';

/**
 * The start of every portal page: the storefront from the host, its locale, the signed-in viewer
 * (sent to sign in, and back to `page`, when there is none) and the permission the page needs
 * (forbidden without it).
 */
export async function portalPage(params: StorefrontParams, page: string, permission: Permission = 'portal:access') {
  const { tenant, locale } = await storefrontContext(params);
  const path = (p: string) => localePath(locale, tenant.defaultLocale, p);
  const viewer = await pageViewer(tenant);
  if (!viewer) signInFirst(path, path(page));
  if (!can(viewer, tenant, permission)) forbidden();
  return { tenant, locale, path, viewer };
}

/** Off to sign in, and back to `page` (a path on this storefront, locale prefix included) once signed in. */
export function signInFirst(path: (p: string) => string, page: string): never {
  redirect(`${path('/signin')}?callbackUrl=${encodeURIComponent(page)}`);
}
