import { asDistributor, forTenant, getDb } from '@/lib/db';
import { can } from '@/lib/identity/access';
import { listMembers } from '@/lib/identity/organizations';
import { openProvisioningTasks, storefrontOrders } from '@/lib/orders/queries';
import { storefrontOpenInvoices } from '@/lib/subscriptions/queries';
import { listResellers } from '@/lib/tenancy/repo';
import type { SignedInPage } from '../../_components/page-start';

async function load(start: SignedInPage) {
  const { tenant, viewer } = start;
  const commerce = can(viewer, tenant, 'commerce:manage');
  const data = await forTenant(tenant.id, async (db) => ({
    ...(await listMembers(db, tenant.id, null)),
    recentOrders: await storefrontOrders(db, tenant.id, 50),
    openInvoices: commerce ? await storefrontOpenInvoices(db, tenant.id) : [],
    resellers: tenant.kind === 'distributor' ? await listResellers(db, tenant.id, { orderBy: 'slug', limit: 50 }) : [],
  }));
  // Manual provisioning tasks of every storefront, for the distributor's staff who resolve them.
  const tasks = can(viewer, tenant, 'tasks:resolve') ? await asDistributor(await getDb(), tenant, (db) => openProvisioningTasks(db)) : null;
  return { ...data, tasks };
}

/** What the portal's landing page shows: staff, recent orders, open invoices, tasks, resellers, for who may see each. */
export type PortalHomeView = SignedInPage &
  Awaited<ReturnType<typeof load>> & {
    /** This page, where its forms come back to. */
    returnTo: string;
    text: (v: Record<string, string>) => string;
  };

export async function portalHomeView(start: SignedInPage): Promise<PortalHomeView> {
  return { ...start, ...(await load(start)), returnTo: start.path('/admin'), text: (v) => v[start.locale] ?? v.en ?? '' };
}
