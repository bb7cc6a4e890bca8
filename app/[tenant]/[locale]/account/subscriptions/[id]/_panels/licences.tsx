import { getTranslations } from 'next-intl/server';
import { API } from '../../../../_components/api-routes';
import { buttonClass, Field, inputClass, quietButtonClass } from '../../../../_components/forms';
import { Hidden, type SubscriptionView } from './view';

/** Who has the subscription's seats; admins give a seat to one of the organisation's people or take it back. */
export async function Licences({ view }: { view: SubscriptionView }) {
  // The portal shows who has the seats; the organisation's own admins give them.
  const { assigned, people, active, date } = view;
  const admin = view.admin && !view.portal;
  const t = await getTranslations({ locale: view.locale, namespace: 'subscriptions' });
  const assignable = people.filter((p) => !assigned.some((a) => a.userId === p.userId));
  return (
    <section>
      <h2 className="font-heading text-xl font-semibold">{t('licences')}</h2>
      {assigned.length === 0 ? (
        <p className="mt-2 text-sm text-muted">{t('nobody')}</p>
      ) : (
        <ul className="mt-3 divide-y divide-line rounded-theme border border-line bg-surface text-sm" data-testid="assignments">
          {assigned.map((a) => (
            <li key={a.userId} className="flex flex-wrap items-center justify-between gap-3 px-4 py-2" data-testid="assignment">
              <span>{a.name ? `${a.name} · ` : ''}{a.email} <span className="text-muted">{t('assignedSince', { date: date(a.assignedAt) })}</span></span>
              {admin && (
                <form method="post" action={API.accountSubscriptionsUnassign}>
                  <Hidden view={view} extra={{ userId: a.userId }} />
                  <button type="submit" className={quietButtonClass}>{t('unassign')}</button>
                </form>
              )}
            </li>
          ))}
        </ul>
      )}
      {admin && active && assignable.length > 0 && (
        <form method="post" action={API.accountSubscriptionsAssign} className="mt-3 flex items-end gap-3">
          <Hidden view={view} />
          <Field label={t('person')}>
            <select name="userId" className={inputClass} data-testid="assign-user">
              {assignable.map((p) => <option key={p.userId} value={p.userId}>{p.name ? `${p.name} (${p.email})` : p.email}</option>)}
            </select>
          </Field>
          <button type="submit" className={buttonClass} data-testid="assign">{t('assign')}</button>
        </form>
      )}
    </section>
  );
}
