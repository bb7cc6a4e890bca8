import { redirect } from 'next/navigation';
import { getFormatter, getTranslations } from 'next-intl/server';
import { localePath } from '@/lib/i18n/locales';
import { personalPage } from '@/lib/identity/page';
import { documentNumber } from '@/lib/invoices/format';
import { formatMoney } from '@/lib/pricing/money';
import { organizationDocuments } from '@/lib/subscriptions/queries';
import { StorefrontFrame } from '../../_components/storefront-frame';
import { storefrontContext, type StorefrontParams } from '../../_components/storefront';

export const dynamic = 'force-dynamic';

/** The invoices and credit notes of the organisations the signed-in person belongs to. */
export default async function InvoicesPage({ params }: { params: StorefrontParams }) {
  const { tenant, locale } = await storefrontContext(params);
  const path = (p: string) => localePath(locale, tenant.defaultLocale, p);
  const { viewer, list } = await personalPage(tenant, async (db, viewer) => {
    const orgIds = (viewer?.memberships ?? []).flatMap((m) => (m.organizationId ? [m.organizationId] : []));
    return { viewer, list: await organizationDocuments(db, tenant.id, orgIds) };
  });
  if (!viewer) redirect(`${path('/signin')}?callbackUrl=${encodeURIComponent(path('/account/invoices'))}`);
  const t = await getTranslations({ locale, namespace: 'invoices' });
  const format = await getFormatter({ locale });
  const date = (d: Date) => format.dateTime(d, { dateStyle: 'medium', timeZone: 'UTC' });
  return (
    <StorefrontFrame tenant={tenant} locale={locale} path="/account/invoices">
      <div className="mx-auto flex w-full max-w-4xl flex-col gap-6 px-4 py-10">
        <h1 className="font-heading text-3xl font-bold">{t('title')}</h1>
        {list.length === 0 ? (
          <p className="text-muted">{t('none')}</p>
        ) : (
          <div className="overflow-x-auto rounded-theme border border-line bg-surface">
            <table className="w-full text-left text-sm" data-testid="invoices">
              <thead className="text-muted">
                <tr>
                  <th className="px-4 py-3">{t('number')}</th>
                  <th className="px-4 py-3">{t('issued')}</th>
                  <th className="px-4 py-3">{t('statuses.open')} / {t('statuses.paid')}</th>
                  <th className="px-4 py-3 text-right">{t('total')}</th>
                  <th className="px-4 py-3" />
                </tr>
              </thead>
              <tbody>
                {list.map((d) => (
                  <tr key={d.id} className="border-t border-line" data-testid="invoice-row">
                    <td className="px-4 py-3 font-medium">{t(`kinds.${d.kind}`)} {documentNumber(d)}</td>
                    <td className="px-4 py-3">{date(d.issuedAt)}</td>
                    <td className="px-4 py-3" data-testid="invoice-status">
                      {t(`statuses.${d.status}`)}
                      {d.status === 'open' && d.dueAt ? <span className="text-muted"> · {t('dueOn', { date: date(d.dueAt) })}</span> : null}
                    </td>
                    <td className="px-4 py-3 text-right" data-testid="invoice-total">{d.kind === 'credit_note' ? '−' : ''}{formatMoney(d.total, d.currency, locale)}</td>
                    <td className="px-4 py-3 text-right"><a className="text-primary underline" href={path(`/account/invoices/${d.id}/pdf`)} data-testid="invoice-pdf">{t('download')}</a></td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <p><a className="text-primary underline" href={path('/account/subscriptions')}>{(await getTranslations({ locale, namespace: 'subscriptions' }))('title')} →</a></p>
      </div>
    </StorefrontFrame>
  );
}
