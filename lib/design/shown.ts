import 'server-only';
import { draftMode } from 'next/headers';
import { cache } from 'react';
import { forTenant } from '../db';
import { can } from '../identity/access';
import { pageViewer } from '../identity/page-viewer';
import { getStorefrontTenant } from '../tenancy/queries';
import type { Tenant } from '../tenancy/types';
import { getDraft } from './versions';

/**
 * The storefront as this request shows it: the published design, or, in preview (Next's draft
 * mode, which also keeps the page out of every cache) for a signed-in member of the storefront's
 * staff, its draft. Anybody else holding the preview cookie sees the published design. Once per
 * request, for the layout and the page alike.
 */
export const shownTenant = cache(async (tenantId: string): Promise<{ tenant: Tenant; previewing: boolean } | null> => {
  const tenant = await getStorefrontTenant(tenantId);
  return tenant ? showTenant(tenant) : null;
});

/** `tenant` as this request shows it: its draft design for its staff in preview, else itself. */
export async function showTenant(tenant: Tenant): Promise<{ tenant: Tenant; previewing: boolean }> {
  if (!(await draftMode()).isEnabled) return { tenant, previewing: false };
  const viewer = await pageViewer(tenant);
  if (!can(viewer, tenant, 'design:edit')) return { tenant, previewing: false };
  const draft = await forTenant(tenant.id, (db) => getDraft(db, tenant.id));
  if (!draft) return { tenant, previewing: true };
  return { tenant: { ...tenant, theme: draft.theme, themeOverrides: draft.overrides, logo: draft.logo }, previewing: true };
}
