import { notFound } from 'next/navigation';
import { getFormatter, getTranslations } from 'next-intl/server';
import { forTenant } from '@/lib/db';
import { organizationName } from '@/lib/identity/organizations';
import { documentNumber } from '@/lib/invoices/format';
import { formatMoney } from '@/lib/money';
import { subscriptionDetail } from '@/lib/subscriptions/queries';
import { StorefrontFrame } from '../../../_components/storefront-frame';
import { type StorefrontParams, portalPage } from '../../../_components/page-start';

export const dynamic = 'force-dynamic';

type Params = Promise<Awaited<StorefrontParams> & { id: string }>;

/** One of the storefront's subscriptions for its staff: price, cost and margin, documents, history. */
export default async function AdminSubscriptionPage({ params }: { params: Params }) {
  const { id } = await params;
  const { tenant, locale, path } = await portalPage(params, `/admin/subscriptions/${id}`);
  const data = await forTenant(tenant.id, async (db) => {
    const detail = await subscriptionDetail(db, tenant.id, id);
    if (!detail) return null;
    return { ...detail, customer: (await organizationName(db, tenant.id, detail.sub.organizationId)) ?? '' };
  });
  if (!data) notFound();
  const { sub, plan, product, events, documents, customer } = data;
  const t = await getTranslations({ locale, namespace: 'subscriptions' });
  const sa = await getTranslations({ locale, namespace: 'subscriptionsAdmin' });
  const c = await getTranslations({ locale, namespace: 'customersAdmin' });
  const format = await getFormatter({ locale });
  const money = (n: number) => formatMoney(n, sub.currency, locale);
  const text = (v: Record<string, string>) => v[locale] ?? v.en ?? '';
  const when = (d: Date) => `${format.dateTime(d, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' })} UTC`;

  return (
    <StorefrontFrame tenant={tenant} locale={locale} path="/admin/subscriptions">
      <div className="mx-auto flex w-full max-w-4xl flex-col gap-6 px-4 py-10">
        <p><a className="text-sm text-primary underline" href={path('/admin/subscriptions')}>← {sa('title')}</a></p>
        <header>
          <h1 className="font-heading text-3xl font-bold">{text(product.name)}</h1>
          <p className="mt-2 text-muted">{text(plan.name)} · {plan.sku} · <a className="underline" href={path(`/admin/customers/${sub.organizationId}`)}>{customer}</a></p>
        </header>
        <dl className="grid grid-cols-2 gap-x-6 gap-y-2 text-sm sm:grid-cols-4" data-testid="subscription-facts">
          <div><dt className="text-muted">{c('status')}</dt><dd>{sub.status}</dd></div>
          <div><dt className="text-muted">{c('seats')}</dt><dd>{sub.seats}</dd></div>
          <div><dt className="text-muted">{c('renews')}</dt><dd>{format.dateTime(sub.currentPeriodEnd, { dateStyle: 'medium', timeZone: 'UTC' })}</dd></div>
          <div><dt className="text-muted">{c('unitPrice')}</dt><dd>{money(sub.unitPrice)} ({c('cost')} {money(sub.unitCost)})</dd></div>
        </dl>
        {documents.length > 0 && (
          <p className="flex flex-wrap gap-4 text-sm">{documents.map((d) => <a key={d.id} className="text-primary underline" href={path(`/account/invoices/${d.id}/pdf`)}>{documentNumber(d)} · {money(d.total)}</a>)}</p>
        )}
        <section>
          <h2 className="font-heading text-xl font-semibold">{t('history')}</h2>
          <ol className="mt-3 space-y-1 text-sm" data-testid="history">
            {events.map((e) => (
              <li key={e.id} className="flex flex-wrap gap-x-2">
                <span className="text-muted">{when(e.at)}</span>
                <span>{t(`events.${e.kind}` as 'events.purchased', { from: e.seatsFrom ?? '', to: e.seatsTo ?? '' })}</span>
                {e.amount !== null && e.amount !== 0 && <span className="font-medium">{e.amount > 0 ? '' : '−'}{formatMoney(Math.abs(e.amount), e.currency ?? sub.currency, locale)}</span>}
                {e.note && <span className="text-muted">{e.note}</span>}
                <span className="text-muted">· {e.actor === 'system' ? tenant.name : e.actor}</span>
              </li>
            ))}
          </ol>
        </section>
      </div>
    </StorefrontFrame>
  );
}
