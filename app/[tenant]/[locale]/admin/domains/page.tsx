import { getTranslations } from 'next-intl/server';
import { platformDomain, publicOrigin } from '@/lib/config/platform';
import { forTenant } from '@/lib/db';
import { listCustomDomains, recordName } from '@/lib/domains';
import { planAllows } from '@/lib/reselling/plans';
import { StorefrontFrame } from '../../_components/storefront-frame';
import { type StorefrontParams, portalPage } from '../../_components/page-start';
import { buttonClass, Field, FormFeedback, inputClass, quietButtonClass } from '../../_components/forms';
import { API } from '../../_components/api-routes';

export const dynamic = 'force-dynamic';

type Search = Promise<Record<string, string | string[] | undefined>>;

/** The storefront's custom domains (Standard plan): the DNS records to publish, verification, primary. */
export default async function DomainsPage({ params, searchParams }: { params: StorefrontParams; searchParams: Search }) {
  const { tenant, locale, path } = await portalPage(params, '/admin/domains', 'domains:manage');
  const t = await getTranslations({ locale, namespace: 'domains' });
  const r = await getTranslations({ locale, namespace: 'reselling' });
  const allowed = planAllows(tenant, 'customDomains');
  const rows = await forTenant(tenant.id, (db) => listCustomDomains(db, tenant.id));
  const returnTo = path('/admin/domains');
  const target = tenant.kind === 'distributor' ? platformDomain() : `${tenant.slug}.${platformDomain()}`;
  const distributorOrigin = publicOrigin(platformDomain());
  const form = (action: string, hostname: string, label: string, quiet = true) => (
    <form method="post" action={action}>
      <input type="hidden" name="returnTo" value={returnTo} />
      <input type="hidden" name="hostname" value={hostname} />
      <button type="submit" className={quiet ? quietButtonClass : buttonClass}>{label}</button>
    </form>
  );

  return (
    <StorefrontFrame tenant={tenant} locale={locale} path="/admin/domains">
      <div className="mx-auto flex w-full max-w-3xl flex-col gap-6 px-4 py-10">
        <p><a className="text-sm text-primary underline" href={path('/admin')}>← {tenant.name}</a></p>
        <h1 className="font-heading text-3xl font-bold">{t('title')}</h1>
        <FormFeedback locale={locale} search={await searchParams} />
        {!allowed ? (
          <div role="status" data-testid="plan-locked" className="rounded-theme border border-line bg-surface px-4 py-3">
            <p>{t('locked', { plan: r(`plans.${tenant.plan}`) })}</p>
            <p className="mt-2"><a className="text-primary underline" href={`${distributorOrigin}/account/subscriptions`}>{r('upgradeAt')}</a></p>
          </div>
        ) : (
          <>
            <p className="text-muted">{t('intro', { target })}</p>
            <form method="post" action={API.adminDomains} className="flex flex-wrap items-end gap-3" data-testid="add-domain">
              <input type="hidden" name="returnTo" value={returnTo} />
              <Field label={t('hostname')}><input name="hostname" required maxLength={253} placeholder="shop.example.com" className={inputClass} /></Field>
              <button type="submit" className={buttonClass}>{t('add')}</button>
            </form>
          </>
        )}
        {rows.length === 0 ? (
          <p className="text-muted">{t('none')}</p>
        ) : (
          <ul className="flex flex-col gap-4" data-testid="domains">
            {rows.map((d) => (
              <li key={d.hostname} className="rounded-theme border border-line bg-surface p-4 text-sm" data-testid="domain" data-hostname={d.hostname}>
                <div className="flex flex-wrap items-center justify-between gap-3">
                  <span className="text-base font-medium">{d.hostname}</span>
                  <span data-testid="domain-status">
                    {d.primary ? `${t('primary')} · ` : ''}
                    {d.verified ? (d.failing ? t('failing') : t('verified')) : t('pending')}
                  </span>
                </div>
                {(!d.verified || d.failing) && d.token && (
                  <dl className="mt-3 grid gap-1 sm:grid-cols-[8rem_1fr]">
                    <dt className="text-muted">TXT</dt><dd><code>{recordName(d.hostname)}</code> = <code data-testid="domain-token">{d.token}</code></dd>
                    <dt className="text-muted">CNAME</dt><dd><code>{d.hostname}</code> → <code>{target}</code></dd>
                  </dl>
                )}
                <div className="mt-3 flex flex-wrap gap-2">
                  {allowed && d.token && form(API.adminDomainsVerify, d.hostname, d.verified ? t('recheck') : t('verify'), d.verified)}
                  {allowed && d.verified && !d.primary && form(API.adminDomainsPrimary, d.hostname, t('makePrimary'))}
                  {form(API.adminDomainsRemove, d.hostname, t('remove'))}
                </div>
              </li>
            ))}
          </ul>
        )}
      </div>
    </StorefrontFrame>
  );
}
