import { getFormatter, getTranslations } from 'next-intl/server';
import { forTenant } from '@/lib/db';
import { organizationOrders } from '@/lib/orders/queries';
import { formatMoney } from '@/lib/money';
import { personalDocument } from '../../_components/document';
import { personalRoute } from '../../_components/personal';

export const dynamic = 'force-dynamic';

/** The orders of the organisations the signed-in person belongs to. */
export const GET = personalRoute({ access: 'signed-in', refuse: { page: '/account/orders' } }, async ({ tenant, locale, page, path, viewer }) => {
  const list = await forTenant(tenant.id, async (db) => {
    const list = [];
    for (const m of viewer.memberships) if (m.organizationId) list.push(...(await organizationOrders(db, tenant.id, m.organizationId)));
    return list;
  });
  const t = await getTranslations({ locale, namespace: 'shop' });
  const format = await getFormatter({ locale });
  return personalDocument(page, '/account/orders', {
    title: t('ordersTitle'),
    body: (
      <div className="mx-auto flex w-full max-w-4xl flex-col gap-6 px-4 py-10">
        <h1 className="font-heading text-3xl font-bold">{t('ordersTitle')}</h1>
        {list.length === 0 ? (
          <p className="text-muted">{t('noOrders')}</p>
        ) : (
          <ul className="divide-y divide-line rounded-theme border border-line bg-surface" data-testid="orders">
            {list.map((o) => (
              <li key={o.id} className="flex flex-wrap items-center justify-between gap-4 px-4 py-3">
                <a className="font-medium text-primary underline" href={path(`/account/orders/${o.id}`)}>{t('orderNumber', { number: o.number })}</a>
                <span className="text-sm text-muted">{format.dateTime(o.createdAt, { dateStyle: 'medium' })}</span>
                <span className="text-sm" data-testid="order-state">{t(`states.${o.state}`)}</span>
                <span className="font-medium">{formatMoney(o.total, o.currency, locale)}</span>
              </li>
            ))}
          </ul>
        )}
      </div>
    ),
  });
});
