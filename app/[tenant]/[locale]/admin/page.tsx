import { getTranslations } from 'next-intl/server';
import { StorefrontFrame } from '../_components/storefront-frame';
import { portalPage, type StorefrontParams } from '../_components/page-start';
import { FormFeedback } from '../_components/forms';
import { OpenInvoices, ProvisioningTasks, RecentOrders, ResellersTable } from './_panels/business';
import { CustomersLinks, PortalNav } from './_panels/nav';
import { StaffPanel } from './_panels/staff';
import { portalHomeView } from './_panels/view';

export const dynamic = 'force-dynamic';

type Search = Promise<Record<string, string | string[] | undefined>>;

/** The reseller portal, or on the root host the distributor console: its landing page. */
export default async function AdminPage({ params, searchParams }: { params: StorefrontParams; searchParams: Search }) {
  const view = await portalHomeView(await portalPage(params, '/admin'));
  const { tenant, locale, path } = view;
  const t = await getTranslations({ locale });
  return (
    <StorefrontFrame tenant={tenant} locale={locale} path="/admin">
      <div className="mx-auto flex w-full max-w-4xl flex-col gap-10 px-4 py-10">
        <header>
          <h1 className="font-heading text-3xl font-bold">{t('admin.title')}</h1>
          <p className="mt-2 text-muted" data-testid="portal-intro">
            {tenant.kind === 'distributor' ? t('admin.distributorIntro', { store: tenant.name }) : t('admin.resellerIntro', { store: tenant.name })}
          </p>
        </header>
        <FormFeedback locale={locale} search={await searchParams} />
        <PortalNav view={view} />
        <StaffPanel view={view} />
        <RecentOrders view={view} />
        <OpenInvoices view={view} />
        <ProvisioningTasks view={view} />
        <CustomersLinks view={view} />
        <ResellersTable view={view} />
        <p><a className="text-primary underline" href={path('/account')}>{t('account.title')}</a></p>
      </div>
    </StorefrontFrame>
  );
}
