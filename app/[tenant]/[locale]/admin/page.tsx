import { eq } from 'drizzle-orm';
import { forbidden, redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { forTenant } from '@/lib/db';
import { tenants } from '@/lib/db/schema';
import { can, staffRoles } from '@/lib/identity/access';
import { listMembers } from '@/lib/identity/organizations';
import { pageViewer } from '@/lib/identity/page';
import { localePath } from '@/lib/i18n/locales';
import { StorefrontFrame } from '../_components/storefront-frame';
import { storefrontContext, type StorefrontParams } from '../_components/storefront';
import { buttonClass, Field, FormFeedback, inputClass, quietButtonClass } from '../_components/forms';

export const dynamic = 'force-dynamic';

type Search = Promise<Record<string, string | string[] | undefined>>;

/** The reseller portal, or on the root host the distributor console: its landing page for now. */
export default async function AdminPage({ params, searchParams }: { params: StorefrontParams; searchParams: Search }) {
  const { tenant, locale } = await storefrontContext(params);
  const path = (p: string) => localePath(locale, tenant.defaultLocale, p);
  const viewer = await pageViewer(tenant);
  if (!viewer) redirect(`${path('/signin')}?callbackUrl=${encodeURIComponent(path('/admin'))}`);
  const t = await getTranslations({ locale });
  if (!can(viewer, tenant, 'portal:access')) forbidden();
  const manage = can(viewer, tenant, 'staff:manage');
  const { members, pending, resellers } = await forTenant(tenant.id, async (db) => ({
    ...(await listMembers(db, tenant.id, null)),
    resellers:
      tenant.kind === 'distributor'
        ? await db.select({ slug: tenants.slug, name: tenants.name, plan: tenants.plan, status: tenants.status }).from(tenants).where(eq(tenants.parentId, tenant.id)).orderBy(tenants.slug).limit(50)
        : [],
  }));
  const returnTo = path('/admin');

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
        <section>
          <h2 className="font-heading text-xl font-semibold">{t('admin.staff')}</h2>
          <ul className="mt-4 divide-y divide-line rounded-theme border border-line bg-surface" data-testid="staff">
            {members.map((m) => (
              <li key={m.id} className="flex items-center justify-between gap-4 px-4 py-3">
                <span>{m.email} <span className="ml-2 text-sm text-muted">{t(`account.roles.${m.role}`)}</span></span>
                {(manage || m.userId === viewer.userId) && (
                  <form method="post" action="/api/admin/staff/remove">
                    <input type="hidden" name="returnTo" value={returnTo} />
                    <input type="hidden" name="membershipId" value={m.id} />
                    <button type="submit" className={quietButtonClass}>{t('account.remove')}</button>
                  </form>
                )}
              </li>
            ))}
            {pending.map((p) => <li key={p.id} className="px-4 py-3 text-muted">{p.email} · {t('account.pending')}</li>)}
          </ul>
          {manage && (
            <form method="post" action="/api/admin/staff/invite" className="mt-4 flex flex-wrap items-end gap-3">
              <input type="hidden" name="returnTo" value={returnTo} />
              <Field label={t('account.inviteEmail')}><input type="email" name="email" required className={inputClass} /></Field>
              <Field label={t('account.inviteRole')}>
                <select name="role" className={inputClass}>
                  {staffRoles(tenant).map((r) => <option key={r} value={r}>{t(`account.roles.${r}`)}</option>)}
                </select>
              </Field>
              <button type="submit" className={buttonClass}>{t('admin.inviteStaff')}</button>
            </form>
          )}
        </section>
        {tenant.kind === 'distributor' && (
          <section>
            <h2 className="font-heading text-xl font-semibold">{t('admin.resellers')}</h2>
            <table className="mt-4 w-full text-left text-sm" data-testid="resellers">
              <thead><tr className="text-muted"><th className="py-2">{t('admin.storefront')}</th><th>{t('admin.plan')}</th><th>{t('admin.status')}</th></tr></thead>
              <tbody>
                {resellers.map((r) => <tr key={r.slug} className="border-t border-line"><td className="py-2">{r.name}</td><td>{r.plan}</td><td>{r.status}</td></tr>)}
              </tbody>
            </table>
          </section>
        )}
        <p><a className="text-primary underline" href={path('/account')}>{t('account.title')}</a></p>
      </div>
    </StorefrontFrame>
  );
}
