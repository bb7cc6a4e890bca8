import { notFound } from 'next/navigation';
import { forTenant } from '@/lib/db';
import { can } from '@/lib/identity/access';
import { getOrganization, listMembers } from '@/lib/identity/organizations';
import { creditBalance } from '@/lib/invoices/credit';
import { recentDocuments } from '@/lib/invoices/lists';
import { formatMoney } from '@/lib/money';
import { openBalances } from '@/lib/payments';
import { listOrders } from '@/lib/reporting/orders';
import { listSubscriptions } from '@/lib/reporting/subscriptions';
import { listContractPrices } from '@/lib/reselling/contracts';
import { isUuid } from '@/lib/tenancy/repo';
import type { SignedInPage } from '../../../../_components/page-start';

const RECENT = 20;

async function load(start: SignedInPage, id: string) {
  const { tenant } = start;
  return forTenant(tenant.id, async (db) => {
    const org = await getOrganization(db, tenant.id, id);
    if (!org) return null;
    const [people, subs, recentOrders, docs, owed, contracts, credit] = await Promise.all([
      listMembers(db, tenant.id, org.id),
      listSubscriptions(db, tenant.id, { customer: org.id }, 1, RECENT),
      listOrders(db, tenant.id, { customer: org.id }, 1, RECENT),
      recentDocuments(db, tenant.id, org.id, RECENT),
      openBalances(db, tenant.id, [org.id]),
      listContractPrices(db, tenant, org.id),
      creditBalance(db, tenant.id, org.id, org.currency),
    ]);
    return { org, people, subs, recentOrders, docs, balance: owed.get(org.id) ?? 0, contracts, credit };
  });
}

/** What every panel of the customer page reads: the organisation and its recent business, and who looks at it. */
export type CustomerView = SignedInPage &
  NonNullable<Awaited<ReturnType<typeof load>>> & {
    /** This page, where its forms come back to. */
    self: string;
    /** Staff who may change credit, people and prices; the others read. */
    manage: boolean;
    money: (minor: number, currency: string) => string;
    text: (v: Record<string, string>) => string;
  };

/** Another storefront's customer is as unknown here as one that never existed. */
export async function customerView(start: SignedInPage, id: string): Promise<CustomerView> {
  if (!isUuid(id)) notFound();
  const data = await load(start, id);
  if (!data) notFound();
  const { tenant, locale, path, viewer } = start;
  return {
    ...start,
    ...data,
    self: path(`/admin/customers/${id}`),
    manage: can(viewer, tenant, 'commerce:manage'),
    money: (n, c) => formatMoney(n, c, locale),
    text: (v) => v[locale] ?? v.en ?? '',
  };
}

/** Where a form goes back to, and which customer it is about. */
export function CustomerFields({ view }: { view: CustomerView }) {
  return (
    <>
      <input type="hidden" name="returnTo" value={view.self} />
      <input type="hidden" name="organizationId" value={view.org.id} />
    </>
  );
}

export const sectionHeading = 'font-heading text-xl font-semibold';
