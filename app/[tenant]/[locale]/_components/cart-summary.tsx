import { translator } from '@/lib/i18n/translator';
import type { CartView } from '@/lib/orders/cart-view';
import { basisPointsToPercent, formatMoney } from '@/lib/money';
import { quietButtonClass } from './forms';
import { API } from './api-routes';

/** The cart's lines and totals; editable on /cart, read-only on /checkout. */
export function CartSummary({ cart, locale, editable, returnTo }: { cart: CartView; locale: string; editable: boolean; returnTo: string }) {
  const t = translator(locale, 'shop');
  const money = (n: number) => formatMoney(n, cart.currency, locale);
  const text = (v: Record<string, string>) => v[locale] ?? v.en ?? '';
  return (
    <div className="overflow-x-auto rounded-theme border border-line bg-surface">
      <table className="w-full text-left text-sm" data-testid="cart-lines">
        <thead className="text-muted">
          <tr><th className="px-4 py-3">{t('product')}</th><th className="px-4 py-3">{t('seats')}</th><th className="px-4 py-3 text-right">{t('unitPrice')}</th><th className="px-4 py-3 text-right">{t('lineTotal')}</th>{editable && <th />}</tr>
        </thead>
        <tbody>
          {cart.lines.map((line) => (
            <tr key={line.planId} className="border-t border-line" data-testid="cart-line">
              <td className="px-4 py-3">
                {line.item ? (<><span className="font-medium">{text(line.item.productName)}</span><br /><span className="text-muted">{text(line.item.planName)}</span></>) : <span className="text-muted">{line.problem}</span>}
              </td>
              <td className="px-4 py-3">
                {editable && line.item ? (
                  <form method="post" action={API.cartUpdate} className="flex items-center gap-2">
                    <input type="hidden" name="returnTo" value={returnTo} />
                    <input type="hidden" name="planId" value={line.planId} />
                    <input type="number" name="seats" defaultValue={line.seats} min={line.item.minSeats} max={line.item.maxSeats} required aria-label={t('seats')}
                      className="w-20 rounded-theme border border-line bg-surface px-2 py-1 text-ink" />
                    <button type="submit" className={quietButtonClass}>{t('update')}</button>
                  </form>
                ) : line.seats}
              </td>
              <td className="px-4 py-3 text-right">{line.item ? money(line.item.waterfall.sell) : '—'}</td>
              <td className="px-4 py-3 text-right" data-testid="line-amount">{line.item ? money(line.item.amount) : '—'}</td>
              {editable && (
                <td className="px-4 py-3 text-right">
                  <form method="post" action={API.cartRemove}>
                    <input type="hidden" name="returnTo" value={returnTo} />
                    <input type="hidden" name="planId" value={line.planId} />
                    <button type="submit" className={quietButtonClass}>{t('remove')}</button>
                  </form>
                </td>
              )}
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr className="border-t border-line"><td className="px-4 py-2" colSpan={3}>{t('subtotal')}</td><td className="px-4 py-2 text-right" data-testid="subtotal">{money(cart.subtotal)}</td>{editable && <td />}</tr>
          {cart.taxBasisPoints !== null && (
            <tr>
              <td className="px-4 py-2" colSpan={3}>
                {t('tax', { rate: basisPointsToPercent(cart.taxBasisPoints, locale) })}
                {cart.reverseCharge && <span className="block text-xs text-muted" data-testid="reverse-charge">{t('reverseCharge')}</span>}
              </td>
              <td className="px-4 py-2 text-right" data-testid="tax">{money(cart.tax)}</td>{editable && <td />}
            </tr>
          )}
          {cart.taxBasisPoints !== null && cart.total !== null && (
            <tr className="font-semibold"><td className="px-4 py-2" colSpan={3}>{t('total')}</td><td className="px-4 py-2 text-right" data-testid="total">{money(cart.total)}</td>{editable && <td />}</tr>
          )}
        </tfoot>
      </table>
    </div>
  );
}
