import { getTranslations } from 'next-intl/server';
import { minorToDecimal } from '@/lib/money';
import { API } from '../../../../_components/api-routes';
import { buttonClass, Checkbox, Field, inputClass } from '../../../../_components/forms';
import { CustomerFields, sectionHeading, type CustomerView } from './view';

/** Whether the customer may buy on account, and up to what. */
export async function CreditPanel({ view }: { view: CustomerView }) {
  const { org, locale, money } = view;
  const t = await getTranslations({ locale, namespace: 'customersAdmin' });
  const admin = await getTranslations({ locale, namespace: 'admin' });
  return (
    <section>
      <h2 className={sectionHeading}>{t('credit')}</h2>
      {view.manage ? (
        <form method="post" action={API.adminCustomers} className="mt-3 flex flex-wrap items-end gap-3" data-testid="credit-form">
          <CustomerFields view={view} />
          <Checkbox name="onAccount" defaultChecked={org.onAccount} label={admin('onAccount')} />
          <Field label={`${admin('creditLimit')} (${org.currency})`}><input name="creditLimit" defaultValue={minorToDecimal(org.creditLimit, org.currency)} className={inputClass} /></Field>
          <button type="submit" className={buttonClass}>{admin('save')}</button>
        </form>
      ) : (
        <p className="mt-2">{org.onAccount ? t('onAccountUpTo', { limit: money(org.creditLimit, org.currency) }) : t('cardOnly')}</p>
      )}
    </section>
  );
}

/** The customer's people and invitations; staff invite someone, the first of them as the customer's admin. */
export async function PeoplePanel({ view }: { view: CustomerView }) {
  const { people, locale } = view;
  const t = await getTranslations({ locale, namespace: 'customersAdmin' });
  const account = await getTranslations({ locale, namespace: 'account' });
  const hasAdmin = people.members.some((m) => m.role === 'customer_admin') || people.pending.some((p) => p.role === 'customer_admin');
  return (
    <section>
      <h2 className={sectionHeading}>{t('people')}</h2>
      <ul className="mt-3 divide-y divide-line rounded-theme border border-line bg-surface" data-testid="people">
        {people.members.map((m) => <li key={m.id} className="px-4 py-2">{m.name ? `${m.name} · ` : ''}{m.email} <span className="ml-2 text-sm text-muted">{account(`roles.${m.role}`)}</span></li>)}
        {people.pending.map((p) => <li key={p.id} className="px-4 py-2 text-muted">{p.email} · {account(`roles.${p.role}`)} · {account('pending')}</li>)}
        {people.members.length + people.pending.length === 0 && <li className="px-4 py-2 text-muted">{t('nobody')}</li>}
      </ul>
      {view.manage && (
        <form method="post" action={API.adminCustomersInvite} className="mt-3 flex flex-wrap items-end gap-3" data-testid="invite-customer">
          <CustomerFields view={view} />
          <Field label={account('inviteEmail')}><input type="email" name="email" required maxLength={200} className={inputClass} /></Field>
          <Field label={account('inviteRole')}>
            <select name="role" defaultValue={hasAdmin ? 'customer_member' : 'customer_admin'} className={inputClass}>
              <option value="customer_admin">{account('roles.customer_admin')}</option>
              <option value="customer_member">{account('roles.customer_member')}</option>
            </select>
          </Field>
          <button type="submit" className={buttonClass}>{hasAdmin ? t('invite') : t('inviteFirstAdmin')}</button>
        </form>
      )}
    </section>
  );
}
