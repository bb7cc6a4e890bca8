import { redirect } from 'next/navigation';
import { can } from '@/lib/identity/access';
import { pageViewer } from '@/lib/identity/page';
import { localePath } from '@/lib/i18n/locales';
import { translator } from '@/lib/i18n/translator';
import { framedResponse } from '@/lib/pages/frames';
import { buttonClass, Field, FormFeedback, inputClass, quietButtonClass } from '../_components/forms';
import { OrganizationFields } from '../_components/organization-fields';
import { notFoundResponse, personalContext, searchOf, type PersonalParams } from '../_components/personal';

export const dynamic = 'force-dynamic';

/** The signed-in person's profile and organisations (rendered per request, lib/pages/frames.ts). */
export async function GET(request: Request, context: PersonalParams): Promise<Response> {
  const found = await personalContext(request, context);
  if (!found) return notFoundResponse();
  const { tenant, locale } = found;
  const path = (p: string) => localePath(locale, tenant.defaultLocale, p);
  // The person, with the names of their organisations: no query when looked up seconds ago.
  const viewer = await pageViewer(tenant);
  if (!viewer) redirect(`${path('/signin')}?callbackUrl=${encodeURIComponent(path('/account'))}`);
  const t = translator(locale);
  const orgMemberships = viewer.memberships.filter((m) => m.organizationId);
  const returnTo = path('/account');

  return framedResponse(tenant, locale, 'account',
      <div className="mx-auto flex w-full max-w-3xl flex-col gap-10 px-4 py-10">
        <header className="flex flex-wrap items-center justify-between gap-4">
          <h1 className="font-heading text-3xl font-bold">{t('account.title')}</h1>
          <form method="post" action="/api/signout">
            <button type="submit" className={quietButtonClass}>{t('auth.signOut')}</button>
          </form>
        </header>
        <FormFeedback locale={locale} search={searchOf(request)} />

        <section>
          <h2 className="font-heading text-xl font-semibold">{t('account.profile')}</h2>
          <p className="mt-2 text-muted" data-testid="account-email">{viewer.email}</p>
          <form method="post" action="/api/account/profile" className="mt-4 flex items-end gap-3">
            <input type="hidden" name="returnTo" value={returnTo} />
            <Field label={t('account.name')}>
              <input name="name" defaultValue={viewer.name ?? ''} required maxLength={120} className={inputClass} />
            </Field>
            <button type="submit" className={buttonClass}>{t('account.save')}</button>
          </form>
        </section>

        <section data-testid="organization">
          <h2 className="font-heading text-xl font-semibold">{t('account.organization')}</h2>
          {orgMemberships.map((membership) => (
            <p key={membership.id} className="mt-2">
              <a className="text-primary underline" href={path(`/account/organizations/${membership.organizationId}`)}>{membership.organizationName}</a>
              <span className="ml-2 text-sm text-muted">{t(`account.roles.${membership.role}`)}</span>
            </p>
          ))}
          {can(viewer, tenant, 'organization:create') && (
            <>
              <p className="mt-2 text-muted">{t('account.noOrganization')}</p>
              <form method="post" action="/api/account/organizations" className="mt-4 grid gap-4 sm:grid-cols-2">
                <input type="hidden" name="returnTo" value={returnTo} />
                <OrganizationFields locale={locale} currencies={tenant.currencies} values={{ billingEmail: viewer.email, currency: tenant.defaultCurrency }} />
                <div className="flex items-end"><button type="submit" className={buttonClass}>{t('account.createOrganization')}</button></div>
              </form>
            </>
          )}
        </section>
        {orgMemberships.length > 0 && (
          <p><a className="text-primary underline" href={path('/account/orders')} data-testid="orders-link">{t('shop.ordersTitle')} →</a></p>
        )}
        {can(viewer, tenant, 'portal:access') && (
          <p><a className="text-primary underline" href={path('/admin')}>{t('admin.title')} →</a></p>
        )}
      </div>,
  );
}
