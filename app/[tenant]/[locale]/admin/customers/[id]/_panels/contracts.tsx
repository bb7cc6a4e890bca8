import { getTranslations } from 'next-intl/server';
import { API } from '../../../../_components/api-routes';
import { buttonClass, Field, inputClass, quietButtonClass } from '../../../../_components/forms';
import { CustomerFields, sectionHeading, type CustomerView } from './view';

/** Prices agreed with this customer, beside the list price and the cost; staff set or remove one. */
export async function ContractPricesPanel({ view }: { view: CustomerView }) {
  const { contracts, org, tenant, locale, money, text } = view;
  const t = await getTranslations({ locale, namespace: 'customersAdmin' });
  const account = await getTranslations({ locale, namespace: 'account' });
  return (
    <section>
      <h2 className={sectionHeading}>{t('contractPrices')}</h2>
      <p className="mt-1 text-sm text-muted">{t('contractIntro')}</p>
      {contracts.length > 0 && (
        <table className="mt-3 w-full text-left text-sm tabular-nums" data-testid="contract-prices">
          <thead><tr className="text-muted"><th className="py-2">{t('product')}</th><th className="text-right">{t('contract')}</th><th className="text-right">{t('listPrice')}</th><th className="text-right">{t('cost')}</th><th /></tr></thead>
          <tbody>
            {contracts.map((c) => (
              <tr key={`${c.planId}:${c.currency}`} className="border-t border-line" data-testid="contract-price" data-sku={c.sku}>
                <td className="py-2">{text(c.product)}, {text(c.plan)}<span className="block text-xs text-muted">{c.sku}</span></td>
                <td className="text-right">{money(c.amount, c.currency)}</td>
                <td className="text-right">{c.list === null ? '—' : money(c.list, c.currency)}</td>
                <td className="text-right">{c.cost === null ? '—' : money(c.cost, c.currency)}</td>
                <td className="py-2 text-right">
                  {view.manage && (
                    <form method="post" action={API.adminCustomersContractPrices}>
                      <CustomerFields view={view} />
                      <input type="hidden" name="planSku" value={c.sku} />
                      <input type="hidden" name="currency" value={c.currency} />
                      <input type="hidden" name="amount" value="" />
                      <button type="submit" className={quietButtonClass}>{account('remove')}</button>
                    </form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {view.manage && (
        <form method="post" action={API.adminCustomersContractPrices} className="mt-3 flex flex-wrap items-end gap-3" data-testid="contract-form">
          <CustomerFields view={view} />
          <Field label={t('planSku')}><input name="planSku" required maxLength={80} placeholder="MS-M365-BASIC-M" className={inputClass} /></Field>
          <Field label={t('currency')}>
            <select name="currency" defaultValue={org.currency} className={inputClass}>
              {tenant.currencies.map((c) => <option key={c} value={c}>{c}</option>)}
            </select>
          </Field>
          <Field label={t('amount')}><input name="amount" required inputMode="decimal" maxLength={20} className={inputClass} /></Field>
          <button type="submit" className={buttonClass}>{t('setContract')}</button>
        </form>
      )}
    </section>
  );
}
