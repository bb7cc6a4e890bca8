import { getTranslations } from 'next-intl/server';
import { platformDomain, publicOrigin } from '@/lib/config/platform';
import { can } from '@/lib/identity/access';
import { nextPlan } from '@/lib/reselling/plans';
import type { PortalHomeView } from './view';

/** A reseller's plan (and what the next one unlocks) with the portal's rooms; the distributor's rooms. */
export async function PortalNav({ view }: { view: PortalHomeView }) {
  const { tenant, viewer, locale, path } = view;
  const r = await getTranslations({ locale, namespace: 'reselling' });
  const link = (href: string, label: string, testId?: string) => <a key={href} className="text-primary underline" href={path(href)} data-testid={testId}>{label}</a>;
  if (tenant.kind !== 'reseller') {
    if (!can(viewer, tenant, 'resellers:manage')) return null;
    return (
      <p className="flex gap-4">
        {link('/admin/dashboard', r('dashboard'), 'dashboard-link')}
        {link('/admin/resellers', r('manage'), 'manage-resellers')}
        {link('/admin/design', r('design'), 'design-link')}
        {link('/admin/pages', r('contentPages'))}
      </p>
    );
  }
  const next = nextPlan(tenant.plan);
  return (
    <section data-testid="your-plan">
      <h2 className="font-heading text-xl font-semibold">{r('yourPlan')}</h2>
      <p className="mt-2">{r('planIs', { store: tenant.name, plan: r(`plans.${tenant.plan}`) })}</p>
      {next && (
        <p className="mt-1 text-muted">
          {r('nextUnlocks', { plan: r(`plans.${next.plan}`), features: next.unlocks.map((f) => r(`features.${f}`)).join(', ') })}{' '}
          <a className="text-primary underline" href={`${publicOrigin(platformDomain())}/account/subscriptions`}>{r('upgradeAt')}</a>
        </p>
      )}
      <p className="mt-2 flex flex-wrap gap-4">
        {link('/admin/dashboard', r('dashboard'), 'dashboard-link')}
        {link('/admin/catalog', r('catalog'), 'catalog-link')}
        {link('/admin/pricing', r('pricing'), 'pricing-link')}
        {link('/admin/design', r('design'), 'design-link')}
        {link('/admin/pages', r('contentPages'))}
        {link('/admin/api-keys', r('apiKeys'))}
        {link('/admin/domains', r('customDomains'))}
      </p>
    </section>
  );
}

/** Where the customers are, and for those who manage commerce the store's settings. */
export async function CustomersLinks({ view }: { view: PortalHomeView }) {
  const { tenant, viewer, locale, path } = view;
  const t = await getTranslations({ locale, namespace: 'admin' });
  const c = await getTranslations({ locale, namespace: 'customersAdmin' });
  const r = await getTranslations({ locale, namespace: 'reselling' });
  return (
    <section>
      <h2 className="font-heading text-xl font-semibold">{t('customers')}</h2>
      <p className="mt-2 flex flex-wrap gap-4">
        <a className="text-primary underline" href={path('/admin/customers')} data-testid="customers-link">{c('title')}</a>
        {can(viewer, tenant, 'commerce:manage') && <a className="text-primary underline" href={path('/admin/settings')} data-testid="settings-link">{r('settings')}</a>}
      </p>
    </section>
  );
}
