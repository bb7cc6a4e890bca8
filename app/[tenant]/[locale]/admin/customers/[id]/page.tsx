import { getTranslations } from 'next-intl/server';
import { StorefrontFrame } from '../../../_components/storefront-frame';
import { type StorefrontParams, portalPage } from '../../../_components/page-start';
import { buttonClass, FormFeedback } from '../../../_components/forms';
import { CreditPanel, PeoplePanel } from './_panels/account';
import { InvoicesPanel, OrdersPanel, SubscriptionsPanel } from './_panels/business';
import { ContractPricesPanel } from './_panels/contracts';
import { customerView } from './_panels/view';

export const dynamic = 'force-dynamic';

type Params = Promise<Awaited<StorefrontParams> & { id: string }>;
type Search = Promise<Record<string, string | string[] | undefined>>;

/** One customer organisation: its people, subscriptions, orders, invoices, credit and contract prices. */
export default async function CustomerPage({ params, searchParams }: { params: Params; searchParams: Search }) {
  const { id } = await params;
  const view = await customerView(await portalPage(params, `/admin/customers/${id}`), id);
  const { org, tenant, locale, path, money } = view;
  const t = await getTranslations({ locale, namespace: 'customersAdmin' });
  const assisted = await getTranslations({ locale, namespace: 'assisted' });
  return (
    <StorefrontFrame tenant={tenant} locale={locale} path="/admin/customers">
      <div className="mx-auto flex w-full max-w-5xl flex-col gap-8 px-4 py-10">
        <p><a className="text-sm text-primary underline" href={path('/admin/customers')}>← {t('title')}</a></p>
        <header>
          <h1 className="font-heading text-3xl font-bold" data-testid="customer-name">{org.name}</h1>
          <p className="mt-2 text-muted">{org.country} · {org.currency} · {org.billingEmail}{org.taxId ? ` · ${org.taxId}` : ''}</p>
          <p className="mt-3"><a className={buttonClass} href={path(`/admin/customers/${org.id}/order`)} data-testid="assisted-order-link">{assisted('link')}</a></p>
          <p className="mt-3" data-testid="customer-balance">{t('balanceIs', { balance: money(view.balance, org.currency), limit: money(org.creditLimit, org.currency) })}</p>
        </header>
        <FormFeedback locale={locale} search={await searchParams} />
        <CreditPanel view={view} />
        <PeoplePanel view={view} />
        <SubscriptionsPanel view={view} />
        <OrdersPanel view={view} />
        <InvoicesPanel view={view} />
        <ContractPricesPanel view={view} />
      </div>
    </StorefrontFrame>
  );
}
