import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { now } from '@/lib/clock';
import { forTenant, getDb } from '@/lib/db';
import { platformDomain, publicOrigin } from '@/lib/config/platform';
import { formatMoney } from '@/lib/money';
import { listCompanies, listTiers, storefrontPlans } from '@/lib/reselling/companies';
import { StorefrontFrame } from '../../_components/storefront-frame';
import { portalPage, storefrontPage, type StorefrontParams } from '../../_components/page-start';
import { CountrySelect } from '../../_components/country-select';
import { buttonClass, Checkbox, Field, FormFeedback, inputClass, quietButtonClass } from '../../_components/forms';
import { API } from '../../_components/api-routes';

export const dynamic = 'force-dynamic';

type Search = Promise<Record<string, string | string[] | undefined>>;

/** The distributor console's reseller companies: plan, tier, status, storefront, recent sales. */
export default async function ResellersPage({ params, searchParams }: { params: StorefrontParams; searchParams: Search }) {
  const { tenant, locale, path } = await storefrontPage(params);
  if (tenant.kind !== 'distributor') notFound();
  await portalPage(params, '/admin/resellers', 'resellers:manage');
  const t = await getTranslations({ locale, namespace: 'reselling' });
  const [companies, { tiers, plans }] = await Promise.all([
    listCompanies(await getDb(), tenant, now()),
    forTenant(tenant.id, async (db) => ({ tiers: await listTiers(db, tenant), plans: await storefrontPlans(db, tenant) })),
  ]);
  const returnTo = path('/admin/resellers');
  const text = (v: Record<string, string>) => v[locale] ?? v.en ?? '';
  const platform = platformDomain();
  const hosts = companies.flatMap((c) => (c.storefront ? [`${c.storefront.slug}.${platform}`] : []));
  const origins = new Map(hosts.map((h) => [h, publicOrigin(h)] as const));

  return (
    <StorefrontFrame tenant={tenant} locale={locale} path="/admin/resellers">
      <div className="mx-auto flex w-full max-w-6xl flex-col gap-8 px-4 py-10">
        <header>
          <p><a className="text-sm text-primary underline" href={path('/admin')}>← {tenant.name}</a></p>
          <h1 className="mt-2 font-heading text-3xl font-bold">{t('companies')}</h1>
          <p className="mt-2 text-muted">{t('companiesIntro')}</p>
        </header>
        <FormFeedback locale={locale} search={await searchParams} />
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm" data-testid="reseller-companies">
            <thead>
              <tr className="text-muted">
                <th className="py-2 pr-3">{t('company')}</th><th className="pr-3">{t('plan')}</th><th className="pr-3">{t('tier')}</th>
                <th className="pr-3">{t('status')}</th><th className="pr-3">{t('host')}</th><th className="pr-3 text-right">{t('sales30')}</th>
              </tr>
            </thead>
            <tbody>
              {companies.map((c) => {
                const plan = c.storefront?.plan ?? 'basic';
                const host = c.storefront ? `${c.storefront.slug}.${platform}` : null;
                return [
                  <tr key={c.id} className="border-t border-line align-top" data-testid="company" data-company={c.name}>
                    <td className="py-2 pr-3 font-medium">{c.name}<div className="text-xs text-muted">{c.resellingEnabled ? t('reselling') : t('resellingOff')}</div></td>
                    <td className="pr-3" data-testid="company-plan">{t(`plans.${plan}`)}</td>
                    <td className="pr-3">{c.tier ?? t('noTier')}</td>
                    <td className="pr-3" data-testid="company-status">{c.suspended ? t('suspended') : t('active')}</td>
                    <td className="pr-3">
                      {host && plan !== 'basic' ? <a className="text-primary underline" href={origins.get(host)}>{host}</a> : host ?? (c.reservedSlug ? t('reserved', { slug: c.reservedSlug }) : '—')}
                    </td>
                    <td className="pr-3 text-right">{c.sales.length ? c.sales.map((s) => formatMoney(s.amount, s.currency, locale)).join(' · ') : '—'}</td>
                  </tr>,
                  <tr key={`${c.id}-actions`} className="text-xs">
                    <td colSpan={6} className="pb-3">
                      <div className="flex flex-wrap items-end gap-3">
                        <form method="post" action={API.adminResellersUpdate} className="flex flex-wrap items-end gap-2">
                          <input type="hidden" name="returnTo" value={returnTo} />
                          <input type="hidden" name="organizationId" value={c.id} />
                          <Checkbox className="flex items-center gap-1" name="resellingEnabled" defaultChecked={c.resellingEnabled} label={t('reselling')} />
                          <select name="tier" defaultValue={c.tierId ?? ''} className={inputClass} aria-label={t('tier')}>
                            <option value="">{t('noTier')}</option>
                            {tiers.map((tier) => <option key={tier.id} value={tier.id}>{tier.name}</option>)}
                          </select>
                          <button type="submit" className={quietButtonClass}>{t('saveCompany')}</button>
                        </form>
                        <form method="post" action={API.adminResellersPlan} className="flex flex-wrap items-end gap-2">
                          <input type="hidden" name="returnTo" value={returnTo} />
                          <input type="hidden" name="organizationId" value={c.id} />
                          <select name="planId" defaultValue={c.subscription?.planId ?? (plan === 'basic' ? 'none' : '')} className={inputClass} aria-label={t('plan')}>
                            {/* A plan set before storefront plans were subscriptions (the demo's): shown, not offered. */}
                            {!c.subscription && plan !== 'basic' && <option value="" disabled>{t('withoutSubscription', { plan: t(`plans.${plan}`) })}</option>}
                            <option value="none">{t('planNone')}</option>
                            {plans.map((p) => <option key={p.id} value={p.id}>{text(p.name)}</option>)}
                          </select>
                          {!c.storefront && <input name="slug" defaultValue={c.reservedSlug ?? ''} placeholder={t('address')} aria-label={t('address')} className={inputClass} />}
                          <button type="submit" className={quietButtonClass}>{t('setPlan')}</button>
                        </form>
                        <form method="post" action={API.adminResellersSuspend}>
                          <input type="hidden" name="returnTo" value={returnTo} />
                          <input type="hidden" name="organizationId" value={c.id} />
                          <input type="hidden" name="suspended" value={c.suspended ? 'false' : 'true'} />
                          <button type="submit" className={quietButtonClass}>{c.suspended ? t('reinstate') : t('suspend')}</button>
                        </form>
                      </div>
                    </td>
                  </tr>,
                ];
              })}
            </tbody>
          </table>
        </div>
        <section>
          <h2 className="font-heading text-xl font-semibold">{t('create')}</h2>
          <form method="post" action={API.adminResellersCreate} className="mt-4 grid gap-4 sm:grid-cols-3">
            <input type="hidden" name="returnTo" value={returnTo} />
            <Field label={t('name')}><input name="name" required minLength={2} maxLength={120} className={inputClass} /></Field>
            <Field label={t('country')}><CountrySelect locale={locale} /></Field>
            <Field label={t('currency')}>
              <select name="currency" defaultValue={tenant.defaultCurrency} className={inputClass}>
                {tenant.currencies.map((c) => <option key={c} value={c}>{c}</option>)}
              </select>
            </Field>
            <Field label={t('admin')}><input name="admin" type="email" required className={inputClass} /></Field>
            <Field label={t('slug')}><input name="slug" maxLength={40} className={inputClass} /></Field>
            <Field label={t('creditLimit')}><input name="creditLimit" maxLength={20} className={inputClass} /></Field>
            <div><button type="submit" className={buttonClass}>{t('createButton')}</button></div>
          </form>
        </section>
      </div>
    </StorefrontFrame>
  );
}
