import { getTranslations } from 'next-intl/server';
import { can, staffRoles } from '@/lib/identity/access';
import { API } from '../../_components/api-routes';
import { buttonClass, Field, inputClass, quietButtonClass } from '../../_components/forms';
import type { PortalHomeView } from './view';

/** The storefront's staff and invitations; those who manage staff invite and remove, anyone may leave. */
export async function StaffPanel({ view }: { view: PortalHomeView }) {
  const { members, pending, tenant, viewer, locale, returnTo } = view;
  const t = await getTranslations({ locale });
  const manage = can(viewer, tenant, 'staff:manage');
  return (
    <section>
      <h2 className="font-heading text-xl font-semibold">{t('admin.staff')}</h2>
      <ul className="mt-4 divide-y divide-line rounded-theme border border-line bg-surface" data-testid="staff">
        {members.map((m) => (
          <li key={m.id} className="flex items-center justify-between gap-4 px-4 py-3">
            <span>{m.email} <span className="ml-2 text-sm text-muted">{t(`account.roles.${m.role}`)}</span></span>
            {(manage || m.userId === viewer.userId) && (
              <form method="post" action={API.adminStaffRemove}>
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
        <form method="post" action={API.adminStaffInvite} className="mt-4 flex flex-wrap items-end gap-3">
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
  );
}
