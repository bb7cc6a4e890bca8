import { can } from '@/lib/identity/access';
import { personalPage } from '@/lib/identity/page-viewer';
import { assignedTo } from '@/lib/subscriptions/assignments';
import { translator } from '@/lib/i18n/translator';
import { getOrganization } from '@/lib/identity/organizations';
import { latestCreditRequest } from '@/lib/orders/credit-requests';
import { formatMoney } from '@/lib/money';
import { buttonClass, Field, FormFeedback, inputClass, quietButtonClass } from '../_components/forms';
import { OrganizationFields } from '../_components/organization-fields';
import { personalDocument } from '../_components/document';
import { personalRoute } from '../_components/personal';
import { API } from '../_components/api-routes';

export const dynamic = 'force-dynamic';

/** The signed-in person's profile and organisations (rendered per request, lib/frames/personal-frame.ts). */
// The person, with the names of their organisations: no query when looked up seconds ago.
export const GET = personalRoute({ access: 'signed-in', refuse: { page: '/account' } }, async ({ tenant, locale, page, path, viewer, search }) => {
  const orgMemberships = viewer.memberships.filter((m) => m.organizationId);
  // The licences given to this person (only a customer can have any).
  const licences = orgMemberships.length ? await personalPage(tenant, (db, v) => (v ? assignedTo(db, tenant.id, v.userId) : Promise.resolve([]))) : [];
  // Paying on account, or asking to: the person's (first) organisation.
  const own = orgMemberships[0]?.organizationId ?? null;
  const credit = own
    ? await personalPage(tenant, async (db) => ({ org: await getOrganization(db, tenant.id, own), request: await latestCreditRequest(db, tenant.id, own) }))
    : null;
  const date = (d: Date) => new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(d);
  const text = (v: Record<string, string>) => v[locale] ?? v.en ?? '';
  const t = translator(locale);
  const returnTo = path('/account');

  return personalDocument(page, '/account', {
    title: t('account.title'),
    body: (
      <div className="mx-auto flex w-full max-w-3xl flex-col gap-10 px-4 py-10">
        <header className="flex flex-wrap items-center justify-between gap-4">
          <h1 className="font-heading text-3xl font-bold">{t('account.title')}</h1>
          <form method="post" action={API.signout}>
            <button type="submit" className={quietButtonClass}>{t('auth.signOut')}</button>
          </form>
        </header>
        <FormFeedback locale={locale} search={search} />

        <section>
          <h2 className="font-heading text-xl font-semibold">{t('account.profile')}</h2>
          <p className="mt-2 text-muted" data-testid="account-email">{viewer.email}</p>
          <form method="post" action={API.accountProfile} className="mt-4 flex items-end gap-3">
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
              <form method="post" action={API.accountOrganizations} className="mt-4 grid gap-4 sm:grid-cols-2">
                <input type="hidden" name="returnTo" value={returnTo} />
                <OrganizationFields locale={locale} currencies={tenant.currencies} values={{ billingEmail: viewer.email, currency: tenant.defaultCurrency }} />
                <div className="flex items-end"><button type="submit" className={buttonClass}>{t('account.createOrganization')}</button></div>
              </form>
            </>
          )}
        </section>
        {credit?.org && (
          <section id="on-account" data-testid="on-account">
            <h2 className="font-heading text-xl font-semibold">{t('account.onAccountTitle')}</h2>
            {credit.org.onAccount ? (
              <p className="mt-2">{t('account.onAccountYes', { organization: credit.org.name, limit: formatMoney(credit.org.creditLimit, credit.org.currency, locale) })}</p>
            ) : credit.request?.status === 'open' ? (
              <p className="mt-2" data-testid="credit-request-open">{t('account.onAccountOpen', { date: date(credit.request.requestedAt), who: credit.request.requestedBy, store: tenant.name })}</p>
            ) : (
              <>
                {credit.request?.status === 'declined' && <p className="mt-2 text-sm" data-testid="credit-request-declined">{t('account.onAccountDeclined', { date: date(credit.request.decidedAt!), reason: credit.request.reason ?? '—' })}</p>}
                <p className="mt-2 text-muted">{t('account.onAccountAsk', { store: tenant.name, organization: credit.org.name })}</p>
                <form method="post" action={API.accountCreditRequest} className="mt-3 grid gap-3 sm:grid-cols-2" data-testid="credit-request-form">
                  <input type="hidden" name="returnTo" value={`${returnTo}#on-account`} />
                  <input type="hidden" name="organizationId" value={credit.org.id} />
                  <Field label={t('account.expectedSpend', { currency: credit.org.currency })}><input name="amount" inputMode="decimal" maxLength={20} className={inputClass} /></Field>
                  <Field label={t('account.requestNote')}><input name="note" maxLength={500} className={inputClass} /></Field>
                  <div><button type="submit" className={buttonClass}>{t('account.askOnAccount')}</button></div>
                </form>
              </>
            )}
          </section>
        )}
        {orgMemberships.length > 0 && (
          <section data-testid="licences">
            <h2 className="font-heading text-xl font-semibold">{t('subscriptions.myLicences')}</h2>
            {licences.length === 0 ? (
              <p className="mt-2 text-muted">{t('subscriptions.noLicences')}</p>
            ) : (
              <ul className="mt-2 space-y-1">
                {licences.map((l) => (
                  <li key={l.subscriptionId} data-testid="licence">{text(l.productName)} <span className="text-muted">· {text(l.planName)}</span></li>
                ))}
              </ul>
            )}
          </section>
        )}
        {orgMemberships.length > 0 && (
          <p className="flex flex-wrap gap-6">
            <a className="text-primary underline" href={path('/account/subscriptions')} data-testid="subscriptions-link">{t('subscriptions.title')} →</a>
            <a className="text-primary underline" href={path('/account/orders')} data-testid="orders-link">{t('shop.ordersTitle')} →</a>
            <a className="text-primary underline" href={path('/account/invoices')} data-testid="invoices-link">{t('invoices.title')} →</a>
          </p>
        )}
        {can(viewer, tenant, 'portal:access') && (
          <p><a className="text-primary underline" href={path('/admin')}>{t('admin.title')} →</a></p>
        )}
      </div>
    ),
  });
});
