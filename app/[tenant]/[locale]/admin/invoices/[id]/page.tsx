import { randomUUID } from 'node:crypto';
import { notFound } from 'next/navigation';
import { getFormatter, getTranslations } from 'next-intl/server';
import { forTenant } from '@/lib/db';
import { DomainError } from '@/lib/errors';
import { errorSentence } from '@/lib/i18n/errors';
import { can } from '@/lib/identity/access';
import { organizationName } from '@/lib/identity/organizations';
import { creditable, creditBalance, quoteCredit, typedAmount, type Creditable, type CreditQuote } from '@/lib/invoices/credit';
import { documentNumber } from '@/lib/invoices/format';
import { formatMoney } from '@/lib/money';
import { API } from '../../../_components/api-routes';
import { buttonClass, Field, FormFeedback, inputClass, ReasonField } from '../../../_components/forms';
import { MarkPaid } from '../../../_components/mark-paid';
import { StorefrontFrame } from '../../../_components/storefront-frame';
import { type StorefrontParams, portalPage } from '../../../_components/page-start';

export const dynamic = 'force-dynamic';

type Params = Promise<Awaited<StorefrontParams> & { id: string }>;
type Search = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/**
 * One invoice for the storefront's staff: its lines with what is left to credit of each, the
 * credit notes against it, and a credit note by hand (chosen lines or an amount), previewed with
 * its tax and where the money goes before it is issued with a reason.
 */
export default async function AdminInvoicePage({ params, searchParams }: { params: Params; searchParams: Promise<Search> }) {
  const { id } = await params;
  const search = await searchParams;
  const { tenant, locale, path, viewer } = await portalPage(params, `/admin/invoices/${id}`);
  const data = await forTenant(tenant.id, async (db) => {
    const c = await creditable(db, tenant.id, id);
    if (!c) return null;
    const [customer, balance] = await Promise.all([organizationName(db, tenant.id, c.invoice.organizationId), creditBalance(db, tenant.id, c.invoice.organizationId, c.invoice.currency)]);
    return { c, customer: customer ?? c.invoice.buyer.name, balance };
  });
  if (!data) notFound();
  const { c, customer, balance } = data;
  const { invoice } = c;
  const t = await getTranslations({ locale, namespace: 'credit' });
  const inv = await getTranslations({ locale, namespace: 'invoices' });
  const status = await getTranslations({ locale, namespace: 'customersAdmin' });
  const sa = await getTranslations({ locale, namespace: 'invoicesAdmin' });
  const format = await getFormatter({ locale });
  const money = (n: number) => formatMoney(n, invoice.currency, locale);
  const date = (d: Date) => format.dateTime(d, { dateStyle: 'medium', timeZone: 'UTC' });
  const text = (v: Record<string, string>) => v[locale] ?? v.en ?? '';
  const page = path(`/admin/invoices/${invoice.id}`);
  const mayCredit = can(viewer, tenant, 'credits:issue');
  const chosen = [search.line ?? []].flat().map(Number).filter((n) => Number.isInteger(n) && n > 0);
  const amount = (one(search.amount) ?? '').trim().slice(0, 20);
  const asked = mayCredit && one(search.preview) === '1';
  const preview = asked ? previewOf(c, chosen, amount, locale, money, t) : null;

  return (
    <StorefrontFrame tenant={tenant} locale={locale} path="/admin/invoices">
      <div className="mx-auto flex w-full max-w-4xl flex-col gap-6 px-4 py-10">
        <p><a className="text-sm text-primary underline" href={path('/admin/invoices')}>← {sa('title')}</a></p>
        <header>
          <h1 className="font-heading text-3xl font-bold">{inv('kinds.invoice')} {documentNumber(invoice)}</h1>
          <p className="mt-2 text-muted">
            <a className="underline" href={path(`/admin/customers/${invoice.organizationId}`)}>{customer}</a> · <a className="underline" href={path(`/account/invoices/${invoice.id}/pdf`)}>{t('pdf')}</a>
          </p>
        </header>
        <FormFeedback locale={locale} search={search} />
        <dl className="grid grid-cols-2 gap-x-6 gap-y-2 text-sm sm:grid-cols-4" data-testid="invoice-facts">
          <div><dt className="text-muted">{t('status')}</dt><dd data-testid="invoice-status">{status(`documentStatus.${invoice.status}`)}</dd></div>
          <div><dt className="text-muted">{t('issued')}</dt><dd>{date(invoice.issuedAt)}</dd></div>
          <div><dt className="text-muted">{t('total')}</dt><dd data-testid="invoice-total">{money(invoice.total)}</dd></div>
          {invoice.status === 'open' ? (
            <div><dt className="text-muted">{t('amountDue')}</dt><dd data-testid="amount-due">{money(invoice.total - invoice.creditApplied)}{invoice.dueAt ? ` · ${date(invoice.dueAt)}` : ''}</dd></div>
          ) : invoice.creditApplied > 0 ? (
            <div><dt className="text-muted">{t('creditApplied')}</dt><dd>{money(invoice.creditApplied)}</dd></div>
          ) : null}
        </dl>
        {balance > 0 && <p className="text-sm text-muted" data-testid="credit-balance">{t('balance', { amount: money(balance) })}</p>}
        {invoice.status === 'open' && can(viewer, tenant, 'commerce:manage') && (
          <div><MarkPaid invoiceId={invoice.id} returnTo={page} label={inv('markPaid')} /></div>
        )}

        {preview && <Preview invoiceId={invoice.id} page={page} locale={locale} preview={preview} chosen={chosen} amount={amount} t={t} />}

        <form method="get" action={page} className="flex flex-col gap-4" data-testid="credit-form">
          <input type="hidden" name="preview" value="1" />
          <div className="overflow-x-auto rounded-theme border border-line bg-surface">
            <table className="w-full text-left text-sm tabular-nums" data-testid="invoice-lines">
              <thead className="text-muted">
                <tr><th className="px-3 py-2" /><th className="px-3 py-2">{t('description')}</th><th className="px-3 py-2 text-right">{t('quantity')}</th><th className="px-3 py-2 text-right">{t('amount')}</th><th className="px-3 py-2 text-right">{t('credited')}</th><th className="px-3 py-2 text-right">{t('remaining')}</th></tr>
              </thead>
              <tbody>
                {c.lines.map((l) => (
                  <tr key={l.position} className="border-t border-line" data-testid="invoice-line" data-position={l.position}>
                    <td className="px-3 py-2">
                      {mayCredit && l.remaining > 0 && (
                        <input type="checkbox" name="line" value={l.position} defaultChecked={chosen.includes(l.position)} aria-label={`${t('line')} ${l.position}`} className="size-5 accent-primary" data-testid="credit-line" />
                      )}
                    </td>
                    <td className="px-3 py-2">{text(l.description)}<span className="block text-xs text-muted">{date(l.periodStart)} – {date(l.periodEnd)}</span></td>
                    <td className="px-3 py-2 text-right">{l.quantity}</td>
                    <td className="px-3 py-2 text-right">{money(l.amount)}</td>
                    <td className="px-3 py-2 text-right">{l.credited ? money(l.credited) : ''}</td>
                    <td className="px-3 py-2 text-right">{money(l.remaining)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {mayCredit && c.remaining.subtotal > 0 && (
            <section className="flex flex-col gap-3 rounded-theme border border-line bg-surface p-4">
              <h2 className="font-heading text-lg font-semibold">{t('title')}</h2>
              <p className="text-sm text-muted">{t('choose')} {t('left', { amount: money(c.remaining.subtotal) })}</p>
              <div className="flex flex-wrap items-end gap-3">
                <Field label={t('amountLabel', { currency: invoice.currency })}>
                  <input name="amount" inputMode="decimal" autoComplete="off" defaultValue={amount} className={`${inputClass} w-40`} data-testid="credit-amount" />
                </Field>
                <button type="submit" className={buttonClass} data-testid="preview-credit">{t('preview')}</button>
              </div>
            </section>
          )}
          {c.remaining.subtotal <= 0 && <p className="text-sm text-muted">{t('fullyCredited')}</p>}
        </form>

        <section>
          <h2 className="font-heading text-xl font-semibold">{t('notes')}</h2>
          {c.notes.length === 0 ? (
            <p className="mt-2 text-sm text-muted">{t('none')}</p>
          ) : (
            <ul className="mt-3 flex flex-col gap-2 text-sm" data-testid="credit-notes">
              {c.notes.map((n) => (
                <li key={n.id} className="flex flex-wrap gap-x-3" data-testid="credit-note">
                  <a className="font-medium text-primary underline" href={path(`/account/invoices/${n.id}/pdf`)}>{documentNumber(n)}</a>
                  <span>{date(n.issuedAt)}</span>
                  <span className="tabular-nums">−{money(n.total)}</span>
                  {n.reason && <span className="text-muted" data-testid="credit-reason">{n.reason}</span>}
                  {n.issuedBy && <span className="text-muted">· {n.issuedBy === 'system' ? tenant.name : t('by', { who: n.issuedBy })}</span>}
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
    </StorefrontFrame>
  );
}

type T = Awaited<ReturnType<typeof getTranslations<'credit'>>>;
type PreviewResult = { quote: CreditQuote } | { refusal: string };

/** The credit note the choice would issue, or why it cannot be, in the staff member's language. */
function previewOf(c: Creditable, lines: number[], amount: string, locale: string, money: (n: number) => string, t: T): PreviewResult {
  if (lines.length && amount) return { refusal: t('bothChosen') };
  if (!lines.length && !amount) return { refusal: t('nothingChosen') };
  if (amount) {
    const minor = typedAmount(amount, c.invoice.currency);
    if (minor === null || minor <= 0 || minor > c.remaining.subtotal) return { refusal: t('badAmount', { currency: c.invoice.currency, most: money(c.remaining.subtotal) }) };
  }
  try {
    return { quote: quoteCredit(c, { lines, amount }) };
  } catch (error) {
    if (error instanceof DomainError) return { refusal: errorSentence(locale, error.code) };
    throw error;
  }
}

function Preview({ invoiceId, page, locale, preview, chosen, amount, t }: { invoiceId: string; page: string; locale: string; preview: PreviewResult; chosen: number[]; amount: string; t: T }) {
  const money = (n: number, currency: string) => formatMoney(n, currency, locale);
  return (
    <section className="rounded-theme border-2 border-primary bg-surface p-4" data-testid="quote" {...('quote' in preview ? { 'data-total': preview.quote.total } : {})}>
      {'refusal' in preview ? (
        <p role="alert">{preview.refusal}</p>
      ) : (
        <>
          <p>{t('quote', { subtotal: money(preview.quote.subtotal, preview.quote.currency), tax: money(preview.quote.tax, preview.quote.currency), total: money(preview.quote.total, preview.quote.currency) })}</p>
          <p className="mt-1 text-sm text-muted" data-testid="settlement">{t(`settlement.${preview.quote.settlement}`)}</p>
          <form method="post" action={API.adminInvoicesCredit} className="mt-4 flex flex-wrap items-end gap-3">
            <input type="hidden" name="invoiceId" value={invoiceId} />
            <input type="hidden" name="lines" value={amount ? '' : [...new Set(chosen)].sort((a, b) => a - b).join(',')} />
            <input type="hidden" name="amount" value={amount} />
            <input type="hidden" name="idempotencyKey" value={randomUUID()} />
            <input type="hidden" name="locale" value={locale} />
            <input type="hidden" name="returnTo" value={page} />
            <ReasonField label={t('reason')} />
            <button type="submit" className={buttonClass} data-testid="confirm">{t('confirm')}</button>
            <a className="text-primary underline" href={page}>{t('back')}</a>
          </form>
        </>
      )}
    </section>
  );
}
