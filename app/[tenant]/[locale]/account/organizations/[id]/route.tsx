import { getTranslations } from 'next-intl/server';
import { forTenant } from '@/lib/db';
import { listLicensees } from '@/lib/reselling/licensees';
import { platformDomain, publicOrigin } from '@/lib/config/platform';
import { storefrontSummary } from '@/lib/tenancy/repo';
import { can } from '@/lib/identity/access';
import { getOrganization, listMembers } from '@/lib/identity/organizations';
import { personalDocument, personalNotFound } from '../../../_components/document';
import { personalRoute } from '../../../_components/personal';
import { buttonClass, Field, FormFeedback, inputClass, quietButtonClass } from '../../../_components/forms';
import { countryName } from '@/lib/input/countries';
import { CountrySelect } from '../../../_components/country-select';
import { OrganizationFields } from '../../../_components/organization-fields';
import { API } from '../../../_components/api-routes';

export const dynamic = 'force-dynamic';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An organisation's details and users; any organisation the viewer is not in is "not found". */
export const GET = personalRoute<{ id: string }, 'signed-in'>({ access: 'signed-in', refuse: { page: (p) => `/account/organizations/${p.id}` } }, async ({ tenant, locale, page, path, viewer, search, params: { id } }) => {
  if (!UUID.test(id) || !can(viewer, tenant, 'organization:read', id)) return personalNotFound(page);
  const loaded = await forTenant(tenant.id, async (db) => {
    const org = await getOrganization(db, tenant.id, id);
    if (!org) return null;
    const storefront = org.resellerTenantId ? await storefrontSummary(db, org.resellerTenantId) : null;
    return { org, ...(await listMembers(db, tenant.id, id)), licensees: org.resellingEnabled ? await listLicensees(db, tenant.id, id) : [], storefront };
  });
  if (!loaded) return personalNotFound(page);
  const { org, members, pending, licensees, storefront } = loaded;
  const storefrontOrigin = storefront ? publicOrigin(`${storefront.slug}.${platformDomain()}`) : null;
  const manage = can(viewer, tenant, 'organization:manage', id);
  const t = await getTranslations({ locale });
  const returnTo = path(`/account/organizations/${id}`);

  return personalDocument(page, `/account/organizations/${id}`, {
    title: org.name,
    body: (
      <div className="mx-auto flex w-full max-w-3xl flex-col gap-10 px-4 py-10">
        <header>
          <a href={path('/account')} className="text-sm text-primary">← {t('account.title')}</a>
          <h1 className="mt-2 font-heading text-3xl font-bold" data-testid="organization-name">{org.name}</h1>
          <p className="text-muted">{countryName(org.country, locale)} · {org.billingEmail}{org.taxId ? ` · ${org.taxId}` : ''} · {org.currency}</p>
        </header>
        <FormFeedback locale={locale} search={search} />

        {manage && (
          <form method="post" action={API.accountOrganizationsUpdate} className="grid gap-4 sm:grid-cols-2">
            <input type="hidden" name="returnTo" value={returnTo} />
            <input type="hidden" name="organizationId" value={org.id} />
            <OrganizationFields locale={locale} currencies={tenant.currencies} values={org} />
            <div className="flex items-end"><button type="submit" className={buttonClass}>{t('account.save')}</button></div>
          </form>
        )}

        <section>
          <h2 className="font-heading text-xl font-semibold">{t('account.users')}</h2>
          <ul className="mt-4 divide-y divide-line rounded-theme border border-line bg-surface" data-testid="members">
            {members.map((m) => (
              <li key={m.id} className="flex items-center justify-between gap-4 px-4 py-3">
                <span>
                  {m.name ? `${m.name} · ` : ''}{m.email}
                  {m.userId === viewer.userId && <span className="text-muted"> ({t('account.you')})</span>}
                  <span className="ml-2 text-sm text-muted">{t(`account.roles.${m.role}`)}</span>
                </span>
                {(manage || m.userId === viewer.userId) && (
                  <form method="post" action={API.accountOrganizationsRemove}>
                    <input type="hidden" name="returnTo" value={returnTo} />
                    <input type="hidden" name="organizationId" value={org.id} />
                    <input type="hidden" name="membershipId" value={m.id} />
                    <button type="submit" className={quietButtonClass}>{m.userId === viewer.userId ? t('account.leave') : t('account.remove')}</button>
                  </form>
                )}
              </li>
            ))}
            {pending.map((p) => (
              <li key={p.id} className="px-4 py-3 text-muted">{p.email} · {t('account.pending')}</li>
            ))}
          </ul>
          {manage && (
            <form method="post" action={API.accountOrganizationsInvite} className="mt-4 flex flex-wrap items-end gap-3">
              <input type="hidden" name="returnTo" value={returnTo} />
              <input type="hidden" name="organizationId" value={org.id} />
              <Field label={t('account.inviteEmail')}><input type="email" name="email" required className={inputClass} /></Field>
              <Field label={t('account.inviteRole')}>
                <select name="role" defaultValue="customer_member" className={inputClass}>
                  <option value="customer_member">{t('account.roles.customer_member')}</option>
                  <option value="customer_admin">{t('account.roles.customer_admin')}</option>
                </select>
              </Field>
              <button type="submit" className={buttonClass}>{t('account.invite')}</button>
            </form>
          )}
        </section>
        {storefront && (
          <section data-testid="own-storefront">
            <h2 className="font-heading text-xl font-semibold">{t('reselling.yourStorefront')}</h2>
            <p className="mt-2">
              {t('reselling.storefrontIs', { host: `${storefront.slug}.${platformDomain()}`, plan: t(`reselling.plans.${storefront.plan}`) })}{' '}
              {storefront.plan !== 'basic' && <a className="text-primary underline" href={`${storefrontOrigin}/admin`}>{t('reselling.openAdmin')}</a>}
            </p>
          </section>
        )}
        {org.resellingEnabled && (
          <section data-testid="resale-licensees">
            <h2 className="font-heading text-xl font-semibold">{t('reselling.licensees')}</h2>
            <p className="mt-1 text-sm text-muted">{t('reselling.licenseesIntro')}</p>
            {licensees.length === 0 ? (
              <p className="mt-2 text-muted">{t('reselling.noLicensees')}</p>
            ) : (
              <ul className="mt-4 divide-y divide-line rounded-theme border border-line bg-surface">
                {licensees.map((l) => (
                  <li key={l.id} className="px-4 py-3">{l.name} <span className="text-sm text-muted">· {countryName(l.country, locale)} · {l.contactEmail}{l.taxId ? ` · ${l.taxId}` : ''}</span></li>
                ))}
              </ul>
            )}
            {manage && (
              <form method="post" action={API.accountLicensees} className="mt-4 grid gap-3 sm:grid-cols-2">
                <input type="hidden" name="returnTo" value={returnTo} />
                <input type="hidden" name="organizationId" value={org.id} />
                <Field label={t('reselling.name')}><input name="name" required minLength={2} maxLength={120} className={inputClass} /></Field>
                <Field label={t('reselling.country')}><CountrySelect locale={locale} /></Field>
                <Field label={t('reselling.contactEmail')}><input type="email" name="contactEmail" required className={inputClass} /></Field>
                <Field label={t('reselling.taxId')}><input name="taxId" maxLength={40} className={inputClass} /></Field>
                <div><button type="submit" className={buttonClass}>{t('reselling.addLicensee')}</button></div>
              </form>
            )}
          </section>
        )}
      </div>
    ),
  });
});
