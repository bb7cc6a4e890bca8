import { getTranslations } from 'next-intl/server';
import { listApiKeys } from '@/lib/api/keys';
import { platformDomain, publicOrigin } from '@/lib/config/platform';
import { forTenant } from '@/lib/db';
import { planAllows } from '@/lib/reselling/plans';
import { StorefrontFrame } from '../../_components/storefront-frame';
import { type StorefrontParams, portalPage } from '../../_components/page-start';
import { buttonClass, Field, FormFeedback, inputClass, quietButtonClass } from '../../_components/forms';
import { API } from '../../_components/api-routes';

export const dynamic = 'force-dynamic';

type Search = Promise<Record<string, string | string[] | undefined>>;

/** API keys of the storefront: a Standard-plan feature; other plans see what unlocks it. */
export default async function ApiKeysPage({ params, searchParams }: { params: StorefrontParams; searchParams: Search }) {
  const { tenant, locale, path } = await portalPage(params, '/admin/api-keys', 'commerce:manage');
  const t = await getTranslations({ locale, namespace: 'reselling' });
  const allowed = planAllows(tenant, 'api');
  const distributorOrigin = publicOrigin(platformDomain());
  const keys = await forTenant(tenant.id, (db) => listApiKeys(db, tenant.id));
  const returnTo = path('/admin/api-keys');

  return (
    <StorefrontFrame tenant={tenant} locale={locale} path="/admin/api-keys">
      <div className="mx-auto flex w-full max-w-3xl flex-col gap-6 px-4 py-10">
        <p><a className="text-sm text-primary underline" href={path('/admin')}>← {tenant.name}</a></p>
        <h1 className="font-heading text-3xl font-bold">{t('apiKeys')}</h1>
        <FormFeedback locale={locale} search={await searchParams} />
        {allowed ? (
          <>
            <p className="text-muted">{t('apiKeysIntro')}</p>
            <form method="post" action={API.adminApiKeys} className="flex flex-wrap items-end gap-3" data-testid="create-key">
              <input type="hidden" name="returnTo" value={returnTo} />
              <Field label={t('keyName')}><input name="name" required minLength={2} maxLength={80} className={inputClass} /></Field>
              <button type="submit" className={buttonClass}>{t('createKey')}</button>
            </form>
          </>
        ) : (
          <div role="status" data-testid="plan-locked" className="rounded-theme border border-line bg-surface px-4 py-3">
            <p>{t('apiLocked', { plan: t(`plans.${tenant.plan}`) })}</p>
            <p className="mt-2"><a className="text-primary underline" href={`${distributorOrigin}/account/subscriptions`}>{t('upgradeAt')}</a></p>
          </div>
        )}
        {keys.length === 0 ? (
          <p className="text-muted">{t('noKeys')}</p>
        ) : (
          <ul className="divide-y divide-line rounded-theme border border-line bg-surface" data-testid="api-keys">
            {keys.map((k) => (
              <li key={k.id} className="flex items-center justify-between gap-4 px-4 py-3">
                <span>{k.name} <code className="ml-2 text-sm text-muted">{k.prefix}…</code>{k.revokedAt && <span className="ml-2 text-sm text-muted">{t('revoked')}</span>}</span>
                {!k.revokedAt && (
                  <form method="post" action={API.adminApiKeysRevoke}>
                    <input type="hidden" name="returnTo" value={returnTo} />
                    <input type="hidden" name="keyId" value={k.id} />
                    <button type="submit" className={quietButtonClass}>{t('revoke')}</button>
                  </form>
                )}
              </li>
            ))}
          </ul>
        )}
      </div>
    </StorefrontFrame>
  );
}
