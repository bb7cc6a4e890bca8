import type { ReactNode } from 'react';
import { can, type Permission } from '@/lib/identity/access';
import { pageViewer } from '@/lib/identity/page-viewer';
import { translator } from '@/lib/i18n/translator';
import { localePath } from '@/lib/i18n/locales';
import { platformDomain, publicOrigin } from '@/lib/config/platform';
import { forTenant } from '@/lib/db';
import { storefrontProductPath } from '@/lib/reselling/storefront';
import { inServiceMode, type Tenant } from '@/lib/tenancy/types';

interface Room {
  path: string;
  key: string;
  permission: Permission;
  /** Only on a reseller's storefront, or only on the distributor's. */
  kind?: Tenant['kind'];
}

// The portal's rooms in the order people work in them, each with the permission its page asks.
const ROOMS: Room[] = [
  { path: '/admin', key: 'overview', permission: 'portal:access' },
  { path: '/admin/dashboard', key: 'dashboard', permission: 'portal:access' },
  { path: '/admin/orders', key: 'orders', permission: 'portal:access' },
  { path: '/admin/subscriptions', key: 'subscriptions', permission: 'portal:access' },
  { path: '/admin/invoices', key: 'invoices', permission: 'portal:access' },
  { path: '/admin/customers', key: 'customers', permission: 'portal:access' },
  { path: '/admin/resellers', key: 'resellers', permission: 'resellers:manage', kind: 'distributor' },
  { path: '/admin/catalog', key: 'catalog', permission: 'portal:access', kind: 'reseller' },
  { path: '/admin/pricing', key: 'pricing', permission: 'portal:access', kind: 'reseller' },
  { path: '/admin/design', key: 'design', permission: 'design:edit' },
  { path: '/admin/pages', key: 'pages', permission: 'design:edit' },
  { path: '/admin/domains', key: 'domains', permission: 'domains:manage', kind: 'reseller' },
  { path: '/admin/settings', key: 'settings', permission: 'commerce:manage' },
  { path: '/admin/api-keys', key: 'apiKeys', permission: 'commerce:manage', kind: 'reseller' },
];

/**
 * The portal's own frame inside the storefront's: a navigation of the rooms this person's role may
 * open (a row that scrolls on a phone, a column beside the page from `md` up) and the page.
 */
export async function PortalShell({ tenant, locale, path, children }: { tenant: Tenant; locale: string; path: string; children: ReactNode }) {
  const viewer = await pageViewer(tenant);
  const t = translator(locale, 'portalNav');
  const href = (p: string) => localePath(locale, tenant.defaultLocale, p);
  const rooms = ROOMS.filter((r) => (!r.kind || r.kind === tenant.kind) && can(viewer, tenant, r.permission));
  // The room a page belongs to: the longest path it starts with (`/admin/orders/…` is Orders).
  const current = rooms.filter((r) => path === r.path || path.startsWith(`${r.path}/`)).sort((a, b) => b.path.length - a.path.length)[0];
  return (
    <div className="w-full md:grid md:grid-cols-[12rem_minmax(0,1fr)] md:gap-6">
      <nav aria-label={t('label')} data-testid="portal-nav" className="border-b border-line md:border-b-0 md:pl-4 md:pt-10">
        <ul className="flex gap-1 overflow-x-auto px-4 py-2 text-sm md:sticky md:top-4 md:flex-col md:overflow-visible md:px-0">
          {rooms.map((r) => (
            <li key={r.path} className="shrink-0">
              <a href={href(r.path)} aria-current={r === current ? 'page' : undefined}
                className="block whitespace-nowrap rounded-theme px-3 py-2 text-muted hover:text-ink aria-[current=page]:bg-primary aria-[current=page]:text-primary-text">
                {t(r.key)}
              </a>
            </li>
          ))}
          <li className="shrink-0 md:mt-4"><a href={href('/')} className="block whitespace-nowrap px-3 py-2 text-primary underline">{t('storefront')}</a></li>
        </ul>
      </nav>
      <div className="min-w-0">
        {inServiceMode(tenant) && <ServiceModeBanner tenant={tenant} locale={locale} />}
        {children}
      </div>
    </div>
  );
}

/** Back on Basic: what still works, that the portal reads only, and the way back to a storefront plan. */
async function ServiceModeBanner({ tenant, locale }: { tenant: Tenant; locale: string }) {
  const t = translator(locale, 'serviceMode');
  const product = tenant.parentId ? await forTenant(tenant.id, (db) => storefrontProductPath(db, tenant.parentId!)) : null;
  return (
    <section className="mx-4 mt-6 rounded-theme border-2 border-primary bg-surface p-4 text-sm md:mx-0" data-testid="service-mode-portal">
      <p className="font-semibold">{t('portalTitle', { store: tenant.name })}</p>
      <p className="mt-1">{t('portalBody')}</p>
      <p className="mt-2"><a className="text-primary underline" href={`${publicOrigin(platformDomain())}${product ?? '/account/subscriptions'}`} data-testid="service-mode-reopen">{t('reopen')}</a></p>
    </section>
  );
}
