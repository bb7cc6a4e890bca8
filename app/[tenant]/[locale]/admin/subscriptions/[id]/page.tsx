import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { forTenant } from '@/lib/db';
import { organizationName } from '@/lib/identity/organizations';
import { documentNumber } from '@/lib/invoices/format';
import { formatMoney } from '@/lib/money';
import { ChangeForms, ScheduledChange } from '../../../account/subscriptions/[id]/_panels/changes';
import { ChangePreview } from '../../../account/subscriptions/[id]/_panels/preview';
import { SubscriptionNotice } from '../../../account/subscriptions/[id]/_panels/summary';
import { subscriptionView, type Search } from '../../../account/subscriptions/[id]/_panels/view';
import { StorefrontFrame } from '../../../_components/storefront-frame';
import { type StorefrontParams, portalPage } from '../../../_components/page-start';
import { Suspension } from './suspension';

export const dynamic = 'force-dynamic';

type Params = Promise<Awaited<StorefrontParams> & { id: string }>;

/**
 * One of the storefront's subscriptions for its staff: price, cost and margin, documents, history,
 * and every change its customer's admins could make, made for them (the same previews, rules and
 * prices, each with a reason), plus suspending and reactivating it.
 */
export default async function AdminSubscriptionPage({ params, searchParams }: { params: Params; searchParams: Promise<Search> }) {
  const { id } = await params;
  const start = await portalPage(params, `/admin/subscriptions/${id}`);
  const { tenant, locale, path } = start;
  const view = await subscriptionView(start, id, await searchParams, true);
  if (!view) notFound();
  const { sub, plan, product, events, documents, money, text, dateTime, date } = view;
  const customer = (await forTenant(tenant.id, (db) => organizationName(db, tenant.id, sub.organizationId))) ?? '';
  const t = await getTranslations({ locale, namespace: 'subscriptions' });
  const sa = await getTranslations({ locale, namespace: 'subscriptionsAdmin' });
  const c = await getTranslations({ locale, namespace: 'customersAdmin' });

  return (
    <StorefrontFrame tenant={tenant} locale={locale} path="/admin/subscriptions">
      <div className="mx-auto flex w-full max-w-4xl flex-col gap-6 px-4 py-10">
        <p><a className="text-sm text-primary underline" href={path('/admin/subscriptions')}>← {sa('title')}</a></p>
        <header>
          <h1 className="font-heading text-3xl font-bold">{text(product.name)}</h1>
          <p className="mt-2 text-muted">{text(plan.name)} · {plan.sku} · <a className="underline" href={path(`/admin/customers/${sub.organizationId}`)}>{customer}</a></p>
        </header>
        <SubscriptionNotice view={view} />
        <dl className="grid grid-cols-2 gap-x-6 gap-y-2 text-sm sm:grid-cols-4" data-testid="subscription-facts">
          <div><dt className="text-muted">{c('status')}</dt><dd data-testid="subscription-status">{t(`statuses.${sub.status}`)}</dd></div>
          <div><dt className="text-muted">{c('seats')}</dt><dd data-testid="seats">{sub.seats}</dd></div>
          <div><dt className="text-muted">{c('renews')}</dt><dd>{date(sub.currentPeriodEnd)}</dd></div>
          <div><dt className="text-muted">{c('unitPrice')}</dt><dd>{money(sub.unitPrice)} ({c('cost')} {money(sub.unitCost)})</dd></div>
        </dl>
        {view.admin && view.active && <p className="text-sm text-muted" data-testid="acting-for">{t('actingFor', { customer })}</p>}
        <ChangePreview view={view} />
        <Suspension view={view} />
        <ScheduledChange view={view} />
        <ChangeForms view={view} />
        {documents.length > 0 && (
          <p className="flex flex-wrap gap-4 text-sm">{documents.map((d) => <a key={d.id} className="text-primary underline" href={path(d.kind === 'invoice' ? `/admin/invoices/${d.id}` : `/account/invoices/${d.id}/pdf`)}>{documentNumber(d)} · {money(d.total)}</a>)}</p>
        )}
        <section>
          <h2 className="font-heading text-xl font-semibold">{t('history')}</h2>
          <ol className="mt-3 flex flex-col gap-1 text-sm" data-testid="history">
            {events.map((e) => (
              <li key={e.id} className="flex flex-wrap gap-x-2">
                <span className="text-muted">{dateTime(e.at)}</span>
                <span>{t(`events.${e.kind}` as 'events.purchased', { from: e.seatsFrom ?? '', to: e.seatsTo ?? '' })}</span>
                {e.amount !== null && e.amount !== 0 && <span className="font-medium">{e.amount > 0 ? '' : '−'}{formatMoney(Math.abs(e.amount), e.currency ?? sub.currency, locale)}</span>}
                {e.note && <span className="text-muted" data-testid="event-note">{e.note}</span>}
                <span className="text-muted">· {e.actor === 'system' ? tenant.name : e.actor}</span>
              </li>
            ))}
          </ol>
        </section>
      </div>
    </StorefrontFrame>
  );
}
