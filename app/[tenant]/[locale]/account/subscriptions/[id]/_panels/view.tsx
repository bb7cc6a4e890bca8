import { randomBytes } from 'node:crypto';
import { getFormatter, getTranslations } from 'next-intl/server';
import { now as clock } from '@/lib/clock';
import { platformDomain } from '@/lib/config/platform';
import { forTenant } from '@/lib/db';
import { getTenant } from '@/lib/tenancy/repo';
import { can } from '@/lib/identity/access';
import { formatMoney } from '@/lib/money';
import { clockSubject } from '@/lib/subscriptions/commands';
import { pricePlansFor } from '@/lib/subscriptions/prices';
import { commitmentClock, type ClockSubject, type CommitmentClock } from '@/lib/subscriptions/commitment';
import { subscriptionDetail } from '@/lib/subscriptions/queries';
import type { Tenant } from '@/lib/tenancy/types';
import type { Viewer } from '@/lib/identity/access';
import { API } from '../../../../_components/api-routes';
import { ReasonField } from '../../../../_components/forms';

export type Search = Record<string, string | string[] | undefined>;
type Detail = NonNullable<Awaited<ReturnType<typeof subscriptionDetail>>>;

/** What every panel of the subscription page reads: the subscription, who looks at it, and the page's formats. */
export interface SubscriptionView extends Detail {
  tenant: Tenant;
  locale: string;
  path: (p: string) => string;
  /** This page's own path, where previews and forms come back to. */
  page: string;
  search: Search;
  now: Date;
  /** What each other plan of the product would cost this organisation per seat now (for its admins). */
  prices: Map<string, number>;
  /** For a storefront plan: the host of the storefront it keeps open. */
  storefrontHost: string | null;
  /** An admin of the subscription's organisation (only they change it), or the storefront's staff acting for it. */
  admin: boolean;
  /** The portal's page of the subscription: the storefront's staff act for the customer, each change with a reason. */
  portal: boolean;
  /** Where each change posts: the customer's own routes, or the portal's. */
  actions: SubscriptionActions;
  active: boolean;
  subject: ClockSubject;
  clock: CommitmentClock;
  /** The seats once the changes still being set up at the vendor are done. */
  effective: number;
  date: (d: Date) => string;
  /** Times of day in UTC, and said so: the window closes at the same moment wherever one reads it. */
  dateTime: (d: Date) => string;
  money: (minor: number) => string;
  text: (v: Record<string, string>) => string;
}

/** The routes a subscription's forms post to, the customer's or the portal's (which take a reason). */
export interface SubscriptionActions {
  seats: string;
  plan: string;
  cancel: string;
  resume: string;
  withdraw: string;
  autoRenew: string;
}

const CUSTOMER_ACTIONS: SubscriptionActions = {
  seats: API.accountSubscriptionsSeats,
  plan: API.accountSubscriptionsPlan,
  cancel: API.accountSubscriptionsCancel,
  resume: API.accountSubscriptionsResume,
  withdraw: API.accountSubscriptionsWithdraw,
  autoRenew: API.accountSubscriptionsAutoRenew,
};

const PORTAL_ACTIONS: SubscriptionActions = {
  seats: API.adminSubscriptionsSeats,
  plan: API.adminSubscriptionsPlan,
  cancel: API.adminSubscriptionsCancel,
  resume: API.adminSubscriptionsResume,
  withdraw: API.adminSubscriptionsWithdraw,
  autoRenew: API.adminSubscriptionsAutoRenew,
};

export const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/**
 * The page's reads in one go; null for another organisation's subscription, or another
 * storefront's ("not found"). `portal`: the portal's page, for the storefront's staff.
 */
export async function subscriptionView(
  { tenant, locale, path, viewer }: { tenant: Tenant; locale: string; path: (p: string) => string; viewer: Viewer },
  id: string,
  search: Search,
  portal = false,
): Promise<SubscriptionView | null> {
  const mayChange = (organizationId: string) => (portal ? can(viewer, tenant, 'subscriptions:act') : can(viewer, tenant, 'organization:manage', organizationId));
  const loaded = await forTenant(tenant.id, async (db) => {
    const detail = await subscriptionDetail(db, tenant.id, id);
    if (!detail || !(portal ? can(viewer, tenant, 'portal:access') : can(viewer, tenant, 'organization:read', detail.sub.organizationId))) return null;
    const manage = detail.sub.status === 'active' && mayChange(detail.sub.organizationId);
    const prices = manage ? await pricePlansFor(db, tenant, detail.sub, detail.choices.filter((p) => p.id !== detail.sub.planId)) : new Map<string, number>();
    // A storefront plan: the storefront it keeps open, named in the warnings before a cancellation or downgrade.
    const storefront = detail.product.type === 'storefront_plan' ? await getTenant(db, detail.sub.externalId) : null;
    return { detail, prices, storefrontHost: storefront ? `${storefront.slug}.${platformDomain()}` : null };
  });
  if (!loaded) return null;
  const { detail, prices, storefrontHost } = loaded;
  const { sub, plan, assigned, pendingSeats } = detail;
  const now = clock();
  const format = await getFormatter({ locale });
  const subject = clockSubject({ sub, plan, assigned: assigned.length });
  return {
    ...detail,
    tenant,
    locale,
    path,
    page: path(`${portal ? '/admin' : '/account'}/subscriptions/${id}`),
    search,
    now,
    prices,
    storefrontHost,
    admin: mayChange(sub.organizationId),
    portal,
    actions: portal ? PORTAL_ACTIONS : CUSTOMER_ACTIONS,
    active: sub.status === 'active',
    subject,
    clock: commitmentClock(subject, now),
    effective: sub.seats + pendingSeats,
    date: (d) => format.dateTime(d, { dateStyle: 'medium', timeZone: 'UTC' }),
    dateTime: (d) => `${format.dateTime(d, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' })} UTC`,
    money: (n) => formatMoney(n, sub.currency, locale),
    text: (v) => v[locale] ?? v.en ?? '',
  };
}

/** A plan the subscription can move to, named with its product when that is another one. */
export function planLabel(view: SubscriptionView, p: SubscriptionView['choices'][number]): string {
  return p.productId === view.sub.productId ? view.text(p.name) : `${view.text(p.productName)} · ${view.text(p.name)}`;
}

/** The fields every subscription form posts besides its own: which subscription, the language, where to come back to. */
export function Hidden({ view, extra = {} }: { view: SubscriptionView; extra?: Record<string, string | number> }) {
  return (
    <>
      <input type="hidden" name="subscriptionId" value={view.sub.id} />
      <input type="hidden" name="locale" value={view.locale} />
      <input type="hidden" name="returnTo" value={view.page} />
      {Object.entries(extra).map(([k, v]) => <input key={k} type="hidden" name={k} value={v} />)}
    </>
  );
}

/** The portal's forms ask why (kept in the history, mailed to the customer); the customer's own do not. */
export async function Reason({ view }: { view: SubscriptionView }) {
  if (!view.portal) return null;
  const t = await getTranslations({ locale: view.locale, namespace: 'subscriptions' });
  return <ReasonField label={t('reason')} />;
}

/** A fresh key per rendered form: the same change posted twice is made once. */
export const idempotencyKey = () => randomBytes(16).toString('hex');
