import { getFormatter, getTranslations } from 'next-intl/server';
import { forTenant } from '@/lib/db';
import { formatMoney } from '@/lib/money';
import { organizationSubscriptions } from '@/lib/subscriptions/queries';
import { personalDocument } from '../../_components/document';
import { personalRoute } from '../../_components/personal';

export const dynamic = 'force-dynamic';

/** The subscriptions of the organisations the signed-in person belongs to. */
export const GET = personalRoute({ access: 'signed-in', refuse: { page: '/account/subscriptions' } }, async ({ tenant, locale, page, path, viewer }) => {
  const orgIds = viewer.memberships.flatMap((m) => (m.organizationId ? [m.organizationId] : []));
  const list = await forTenant(tenant.id, (db) => organizationSubscriptions(db, tenant.id, orgIds));
  const t = await getTranslations({ locale, namespace: 'subscriptions' });
  const format = await getFormatter({ locale });
  const date = (d: Date) => format.dateTime(d, { dateStyle: 'medium', timeZone: 'UTC' });
  const text = (v: Record<string, string>) => v[locale] ?? v.en ?? '';
  return personalDocument(page, '/account/subscriptions', {
    title: t('title'),
    body: (
      <div className="mx-auto flex w-full max-w-5xl flex-col gap-6 px-4 py-10">
        <h1 className="font-heading text-3xl font-bold">{t('title')}</h1>
        {list.length === 0 ? (
          <p className="text-muted">{t('none')}</p>
        ) : (
          <div className="overflow-x-auto rounded-theme border border-line bg-surface">
            <table className="w-full text-left text-sm" data-testid="subscriptions">
              <thead className="text-muted">
                <tr>
                  <th className="px-4 py-3">{t('product')}</th>
                  <th className="px-4 py-3">{t('status')}</th>
                  <th className="px-4 py-3">{t('seats')}</th>
                  <th className="px-4 py-3">{t('currentPeriod')}</th>
                  <th className="px-4 py-3">{t('renewal')}</th>
                  <th className="px-4 py-3 text-right">{t('price')}</th>
                  <th className="px-4 py-3">{t('autoRenew')}</th>
                </tr>
              </thead>
              <tbody>
                {list.map(({ sub, productName, planName, assigned }) => (
                  <tr key={sub.id} className="border-t border-line" data-testid="subscription-row">
                    <td className="min-w-[14rem] px-4 py-3">
                      <a className="font-medium text-primary underline" href={path(`/account/subscriptions/${sub.id}`)}>{text(productName)}</a>
                      <br />
                      <span className="text-muted">{text(planName)} · {t(`periods.${sub.billingPeriod}`)}</span>
                    </td>
                    <td className="px-4 py-3" data-testid="subscription-status">{t(`statuses.${sub.status}`)}</td>
                    <td className="px-4 py-3">{t('seatsAssigned', { assigned, seats: sub.seats })}</td>
                    <td className="whitespace-nowrap px-4 py-3">{date(sub.currentPeriodStart)} –<br />{date(sub.currentPeriodEnd)}</td>
                    <td className="px-4 py-3">
                      {sub.status !== 'active'
                        ? t('ended')
                        : sub.cancelAtPeriodEnd
                          ? t('cancelsOn', { date: date(sub.currentPeriodEnd) })
                          : sub.autoRenew
                            ? t('renewsOn', { date: date(sub.currentPeriodEnd) })
                            : t('endsOn', { date: date(sub.currentPeriodEnd) })}
                    </td>
                    <td className="whitespace-nowrap px-4 py-3 text-right">{t('pricePer', { amount: formatMoney(sub.unitPrice * sub.seats, sub.currency, locale), period: t(`per.${sub.billingPeriod}`) })}</td>
                    <td className="px-4 py-3">{sub.autoRenew ? t('on') : t('off')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <p className="flex gap-6">
          <a className="text-primary underline" href={path('/account/invoices')}>{(await getTranslations({ locale, namespace: 'invoices' }))('title')} →</a>
          <a className="text-primary underline" href={path('/account/orders')}>{(await getTranslations({ locale, namespace: 'shop' }))('ordersTitle')} →</a>
        </p>
      </div>
    ),
  });
});
