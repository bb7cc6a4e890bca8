import { randomBytes } from 'node:crypto';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { forTenant } from '@/lib/db';
import { getOrganization } from '@/lib/identity/organizations';
import { ASSISTED_ROWS, readAssistedLines, reviewAssistedOrder } from '@/lib/orders/assisted';
import { basisPointsToPercent, formatMoney } from '@/lib/money';
import { isUuid } from '@/lib/tenancy/repo';
import { StorefrontFrame } from '../../../../_components/storefront-frame';
import { type StorefrontParams, portalPage } from '../../../../_components/page-start';
import { buttonClass, Field, FormFeedback, inputClass } from '../../../../_components/forms';
import { API } from '../../../../_components/api-routes';

export const dynamic = 'force-dynamic';

type Params = Promise<Awaited<StorefrontParams> & { id: string }>;
type Search = Promise<Record<string, string | string[] | undefined>>;

/**
 * An order the storefront's staff place for a customer: plans and seats, priced at the
 * customer's prices before anything is placed, then placed on account.
 */
export default async function AssistedOrderPage({ params, searchParams }: { params: Params; searchParams: Search }) {
  const { id } = await params;
  const { tenant, locale, path } = await portalPage(params, `/admin/customers/${id}/order`);
  const self = path(`/admin/customers/${id}/order`);
  if (!isUuid(id)) notFound();
  const search = await searchParams;
  const one = (k: string) => (Array.isArray(search[k]) ? search[k]?.[0] : search[k]) ?? '';
  const fields: Record<string, string> = Object.fromEntries(Array.from({ length: ASSISTED_ROWS }, (_, i) => [[`sku${i}`, one(`sku${i}`)], [`seats${i}`, one(`seats${i}`)]]).flat());
  const asked = Object.values(fields).some(Boolean);
  const { lines, problems } = readAssistedLines(fields);
  const data = await forTenant(tenant.id, async (db) => {
    const org = await getOrganization(db, tenant.id, id);
    if (!org) return null;
    return { org, review: asked && lines.length ? await reviewAssistedOrder(db, tenant, org.id, lines) : null };
  });
  if (!data) notFound();
  const { org, review } = data;
  const t = await getTranslations({ locale, namespace: 'assisted' });
  const shop = await getTranslations({ locale, namespace: 'shop' });
  const money = (n: number) => formatMoney(n, org.currency, locale);
  const text = (v: Record<string, string>) => v[locale] ?? v.en ?? '';
  const ready = review && !problems.length && review.lines.every((l) => l.item) && org.onAccount && review.total <= review.creditAvailable;

  return (
    <StorefrontFrame tenant={tenant} locale={locale} path="/admin/customers">
      <div className="mx-auto flex w-full max-w-4xl flex-col gap-6 px-4 py-10">
        <p><a className="text-sm text-primary underline" href={path(`/admin/customers/${org.id}`)}>← {org.name}</a></p>
        <h1 className="font-heading text-3xl font-bold">{t('title', { customer: org.name })}</h1>
        <p className="text-muted">{t('intro', { currency: org.currency })}</p>
        <FormFeedback locale={locale} search={search} />
        {!org.onAccount && <p role="alert" className="rounded-theme border border-primary bg-surface px-4 py-3 text-sm" data-testid="not-on-account">{t('notOnAccount')}</p>}
        {problems.length > 0 && asked && <p role="alert" className="rounded-theme border border-primary bg-surface px-4 py-3 text-sm" data-testid="line-problems">{problems.join('; ')}</p>}
        <form method="get" action={self} className="flex flex-col gap-3" data-testid="assisted-lines">
          {Array.from({ length: ASSISTED_ROWS }, (_, i) => (
            <div key={i} className="flex flex-wrap items-end gap-3">
              <Field label={`${t('planSku')} ${i + 1}`}><input name={`sku${i}`} defaultValue={fields[`sku${i}`]} maxLength={80} placeholder={i === 0 ? 'MS-M365-BASIC-M' : ''} className={inputClass} /></Field>
              <Field label={t('seats')}><input name={`seats${i}`} defaultValue={fields[`seats${i}`]} inputMode="numeric" maxLength={6} className={`${inputClass} w-24`} /></Field>
            </div>
          ))}
          <div><button type="submit" className={buttonClass} data-testid="review-order">{t('review')}</button></div>
        </form>
        {review && (
          <section className="flex flex-col gap-4" data-testid="assisted-review">
            <table className="w-full text-left text-sm tabular-nums">
              <thead><tr className="text-muted"><th className="py-2">{shop('product')}</th><th>{shop('seats')}</th><th className="text-right">{shop('unitPrice')}</th><th className="text-right">{shop('lineTotal')}</th></tr></thead>
              <tbody>
                {review.lines.map((l) => (
                  <tr key={l.sku} className="border-t border-line" data-testid="assisted-line" data-sku={l.sku}>
                    <td className="py-2">{l.item ? <>{text(l.item.productName)}<span className="block text-xs text-muted">{text(l.item.planName)} · {l.sku}</span></> : <><span className="font-medium">{l.sku}</span><span className="block text-xs text-primary" data-testid="line-problem">{l.problem}</span></>}</td>
                    <td>{l.seats}</td>
                    <td className="text-right">{l.item ? money(l.item.waterfall.sell) : '—'}</td>
                    <td className="text-right">{l.item ? money(l.item.amount) : '—'}</td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr className="border-t border-line"><td className="py-2" colSpan={3}>{shop('subtotal')}</td><td className="text-right">{money(review.subtotal)}</td></tr>
                <tr><td className="py-1" colSpan={3}>{shop('tax', { rate: basisPointsToPercent(review.taxBasisPoints, locale) })}</td><td className="text-right">{money(review.tax)}</td></tr>
                <tr className="font-semibold"><td className="py-1" colSpan={3}>{shop('total')}</td><td className="text-right" data-testid="assisted-total">{money(review.total)}</td></tr>
              </tfoot>
            </table>
            <p className="text-sm text-muted" data-testid="assisted-credit">{t('credit', { available: money(review.creditAvailable) })}</p>
            {ready ? (
              <form method="post" action={API.adminCustomersOrder}>
                <input type="hidden" name="returnTo" value={`${self}?${new URLSearchParams(Object.entries(fields).filter(([, v]) => v))}`} />
                <input type="hidden" name="organizationId" value={org.id} />
                <input type="hidden" name="idempotencyKey" value={randomBytes(16).toString('hex')} />
                {Object.entries(fields).map(([k, v]) => (v ? <input key={k} type="hidden" name={k} value={v} /> : null))}
                <button type="submit" className={buttonClass} data-testid="place-assisted-order">{t('place', { total: money(review.total) })}</button>
              </form>
            ) : (
              <p className="text-sm" data-testid="cannot-place">{t('cannotPlace')}</p>
            )}
          </section>
        )}
      </div>
    </StorefrontFrame>
  );
}
