import type { Tenant } from '../tenancy/types';

export type Role = 'distributor_admin' | 'reseller_admin' | 'reseller_staff' | 'customer_admin' | 'customer_member';

export interface Viewer {
  tenantId: string;
  userId: string;
  email: string;
  name: string | null;
  /** The organisation's name is as it was when the person was last looked up (seconds ago at most). */
  memberships: { id: string; role: Role; organizationId: string | null; organizationName?: string | null }[];
}

/** What an entry point may require. Organisation permissions are checked for one organisation. */
export type Permission =
  | 'account'
  | 'organization:create'
  | 'organization:read'
  | 'organization:manage'
  | 'portal:access'
  | 'staff:manage'
  | 'commerce:manage'
  | 'subscriptions:act'
  | 'credits:issue'
  | 'orders:act'
  | 'tasks:resolve'
  | 'resellers:manage'
  | 'domains:manage'
  | 'design:edit'
  | 'design:publish';

const customerRole = (r: Role) => r === 'customer_admin' || r === 'customer_member';

/**
 * The permission matrix, in one place. A viewer from another tenant can do nothing here; an
 * organisation the viewer does not belong to is as good as absent.
 */
export function can(viewer: Viewer | null, tenant: Pick<Tenant, 'id' | 'kind'>, permission: Permission, organizationId?: string): boolean {
  if (!viewer || viewer.tenantId !== tenant.id) return false;
  const roles = viewer.memberships;
  const inOrg = (allowed: Role[]) => !!organizationId && roles.some((m) => m.organizationId === organizationId && allowed.includes(m.role));
  switch (permission) {
    case 'account':
      return true;
    case 'organization:create':
      return tenant.kind === 'reseller' && !roles.some((m) => customerRole(m.role));
    case 'organization:read':
      return inOrg(['customer_admin', 'customer_member']);
    case 'organization:manage':
      return inOrg(['customer_admin']);
    // Staff shape drafts (design, content pages); what customers see changes only when an admin publishes.
    // Acting for a customer on its subscriptions (seats, plan, cancellation, suspension): the
    // storefront's admins and staff alike, as a customer's own admin could; and crediting an
    // invoice by hand (a reason required, never more than is left of it), or cancelling an
    // order nothing of which is set up.
    case 'subscriptions:act':
    case 'credits:issue':
    case 'orders:act':
    case 'portal:access':
    case 'design:edit':
      return roles.some((m) => (tenant.kind === 'reseller' ? m.role === 'reseller_admin' || m.role === 'reseller_staff' : m.role === 'distributor_admin'));
    case 'staff:manage':
    case 'commerce:manage':
    case 'domains:manage':
    case 'design:publish':
      return roles.some((m) => m.role === (tenant.kind === 'reseller' ? 'reseller_admin' : 'distributor_admin'));
    case 'tasks:resolve':
    case 'resellers:manage':
      return tenant.kind === 'distributor' && roles.some((m) => m.role === 'distributor_admin');
  }
}

/** Staff roles a tenant's admin may give. */
export function staffRoles(tenant: Pick<Tenant, 'kind'>): Role[] {
  return tenant.kind === 'reseller' ? ['reseller_admin', 'reseller_staff'] : ['distributor_admin'];
}
