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
  // A value on a phone: its column's name (data-label) on the left, the value on the right.
  const cell = "flex items-center justify-between gap-4 px-4 py-1 before:text-muted before:content-[attr(data-label)] sm:table-cell sm:before:content-none";
  const total = 'flex justify-between gap-4 sm:table-row';
  return (
    // On a phone each line is a block of its own, every value named by its column (the head is
    // hidden there): a table of five columns did not fit 390 px and hid the amounts off-screen.
    <div className="rounded-theme border border-line bg-surface">
      <table className="block w-full text-left text-sm sm:table" data-testid="cart-lines">
        <thead className="hidden text-muted sm:table-header-group">
          <tr><th className="px-4 py-3">{t('product')}</th><th className="px-4 py-3">{t('seats')}</th><th className="px-4 py-3 text-right">{t('unitPrice')}</th><th className="px-4 py-3 text-right">{t('lineTotal')}</th>{editable && <th />}</tr>
        </thead>
        <tbody className="block sm:table-row-group">
          {cart.lines.map((line) => (
            <tr key={line.planId} className="block border-t border-line py-2 first:border-t-0 sm:table-row sm:py-0 sm:first:border-t" data-testid="cart-line">
              <td className="block px-4 py-2 sm:table-cell sm:py-3">
                {line.item ? (<><span className="font-medium">{text(line.item.productName)}</span><br /><span className="text-muted">{text(line.item.planName)}</span></>) : <span className="text-muted">{line.problem}</span>}
              </td>
              <td className={`${cell} sm:py-3`} data-label={t('seats')}>
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
              <td className={`${cell} sm:py-3 sm:text-right`} data-label={t('unitPrice')}>{line.item ? money(line.item.waterfall.sell) : '—'}</td>
              <td className={`${cell} font-medium sm:py-3 sm:text-right sm:font-normal`} data-label={t('lineTotal')} data-testid="line-amount">{line.item ? money(line.item.amount) : '—'}</td>
              {editable && (
                <td className="block px-4 py-2 sm:table-cell sm:py-3 sm:text-right">
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
        <tfoot className="block sm:table-footer-group">
          <tr className={`${total} border-t border-line`}><td className="px-4 py-2" colSpan={3}>{t('subtotal')}</td><td className="px-4 py-2 text-right" data-testid="subtotal">{money(cart.subtotal)}</td>{editable && <td className="hidden sm:table-cell" />}</tr>
          {cart.taxBasisPoints !== null && (
            <tr className={total}>
              <td className="px-4 py-2" colSpan={3}>
                {t('tax', { rate: basisPointsToPercent(cart.taxBasisPoints, locale) })}
                {cart.reverseCharge && <span className="block text-xs text-muted" data-testid="reverse-charge">{t('reverseCharge')}</span>}
              </td>
              <td className="px-4 py-2 text-right" data-testid="tax">{money(cart.tax)}</td>{editable && <td className="hidden sm:table-cell" />}
            </tr>
          )}
          {cart.taxBasisPoints !== null && cart.total !== null && (
            <tr className={`${total} font-semibold`}><td className="px-4 py-2" colSpan={3}>{t('total')}</td><td className="px-4 py-2 text-right" data-testid="total">{money(cart.total)}</td>{editable && <td className="hidden sm:table-cell" />}</tr>
          )}
        </tfoot>
      </table>
    </div>
  );
}
