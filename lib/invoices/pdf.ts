import PDFDocument from 'pdfkit';
import { createTranslator } from 'next-intl';
import type { InvoiceLineRow, InvoiceRow } from '../db/schema';
import { intlFallbacks } from '../i18n/fallback';
import { isSupportedLocale } from '../i18n/locales';
import { basisPointsToPercent, formatMoney } from '../money';
import { bankLines, documentNumber, groupsOfFour } from './format';

/**
 * An invoice or credit note as a PDF (pdfkit), in the document's language and currency, branded
 * with the seller as it was when the document was issued: its name and address, its colours.
 */
export async function renderDocumentPdf(invoice: InvoiceRow, lines: InvoiceLineRow[], orderNumber: number | null, credited: Pick<InvoiceRow, 'kind' | 'number'> | null = null): Promise<Buffer> {
  const lang = isSupportedLocale(invoice.locale) ? invoice.locale : 'en';
  const messages = (await import(`../../content/messages/${lang}.json`)).default;
  const t = createTranslator({ locale: lang, messages, namespace: 'invoices.pdf', ...intlFallbacks });
  const date = (d: Date) => new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeZone: 'UTC' }).format(d);
  const short = (d: Date) => new Intl.DateTimeFormat(lang, { dateStyle: 'short', timeZone: 'UTC' }).format(d);
  // pdfkit's standard fonts speak Windows-1252: the narrow no-break space Intl puts in some
  // numbers and dates is printed as a plain space.
  const clean = (s: string) => s.replace(/[\u202f\u00a0]/g, ' ');
  const money = (n: number) => clean(formatMoney(n, invoice.currency, lang));
  const number = documentNumber(invoice);
  const { seller, buyer } = invoice;

  const doc = new PDFDocument({ size: 'A4', margin: 50, info: { Title: `${t(invoice.kind)} ${number}`, Author: seller.name } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const width = doc.page.width - 100;
  // The seller's band in its primary colour.
  doc.rect(0, 0, doc.page.width, 90).fill(seller.colorPrimary);
  doc.fillColor(seller.colorPrimaryText).font('Helvetica-Bold').fontSize(22).text(clean(seller.name), 50, 34, { width: width / 2 + 60 });
  const sellerLines = [seller.address ?? '', seller.vatNumber ? t('sellerVat', { id: seller.vatNumber }) : ''].filter(Boolean).join('\n');
  doc.font('Helvetica').fontSize(9).text(clean(sellerLines), 50 + width / 2 + 70, 20, { width: width / 2 - 70, align: 'right' });

  doc.fillColor(seller.colorText).font('Helvetica-Bold').fontSize(18).text(`${t(invoice.kind)} ${number}`, 50, 115);
  doc.font('Helvetica').fontSize(10);
  const facts = [t('issuedOn', { date: date(invoice.issuedAt) })];
  if (invoice.status === 'paid' && invoice.paidAt) facts.push(t('paidOn', { date: date(invoice.paidAt) }));
  else if (invoice.dueAt) facts.push(t('dueOn', { date: date(invoice.dueAt) }));
  if (orderNumber !== null) facts.push(t('order', { number: orderNumber }));
  if (credited) facts.push(t('credits', { number: documentNumber(credited) }));
  if (invoice.purchaseOrder) facts.push(t('purchaseOrder', { reference: invoice.purchaseOrder }));
  doc.text(clean(facts.join('  ·  ')), 50, 142);

  doc.font('Helvetica-Bold').text(t('billedTo'), 50, 172);
  const country = new Intl.DisplayNames([lang, 'en'], { type: 'region', fallback: 'code' }).of(buyer.country) ?? buyer.country;
  doc.font('Helvetica').text(clean([buyer.name, buyer.address, country, buyer.email, buyer.taxId ? t('taxId', { id: buyer.taxId }) : null].filter(Boolean).join('\n')), 50, 186);

  // The lines.
  const cols = [
    { key: 'description', x: 50, w: 190, align: 'left' as const },
    { key: 'period', x: 242, w: 88, align: 'left' as const },
    { key: 'quantity', x: 332, w: 32, align: 'right' as const },
    { key: 'unitPrice', x: 366, w: 64, align: 'right' as const },
    { key: 'tax', x: 432, w: 50, align: 'right' as const },
    { key: 'amount', x: 484, w: 61, align: 'right' as const },
  ];
  let y = buyer.address ? 280 : 260;
  doc.rect(50, y - 6, width, 20).fill(seller.colorPrimary);
  doc.fillColor(seller.colorPrimaryText).font('Helvetica-Bold').fontSize(9);
  for (const c of cols) doc.text(t(c.key), c.x + 2, y, { width: c.w - 4, align: c.align });
  y += 22;
  doc.fillColor(seller.colorText).font('Helvetica').fontSize(9);
  for (const line of lines) {
    const description = clean(line.description[lang] ?? line.description.en ?? '');
    const cells = [description, `${short(line.periodStart)} – ${short(line.periodEnd)}`, String(line.quantity), money(line.unitPrice), money(line.tax), money(line.amount)];
    const height = Math.max(...cells.map((text, i) => doc.heightOfString(text, { width: cols[i]!.w - 4 })));
    if (y + height > doc.page.height - 160) {
      doc.addPage();
      y = 60;
    }
    cells.forEach((text, i) => doc.text(text, cols[i]!.x + 2, y, { width: cols[i]!.w - 4, align: cols[i]!.align }));
    y += height + 8;
    doc.moveTo(50, y - 4).lineTo(50 + width, y - 4).lineWidth(0.5).strokeColor('#cccccc').stroke();
  }

  // The totals.
  y += 6;
  const total = (label: string, value: string, bold = false) => {
    doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(bold ? 11 : 10);
    doc.text(label, 300, y, { width: 150, align: 'right' });
    doc.text(value, 455, y, { width: 90, align: 'right' });
    y += bold ? 18 : 15;
  };
  total(t('subtotal'), money(invoice.subtotal));
  total(t('taxRate', { rate: clean(basisPointsToPercent(invoice.taxBasisPoints, lang)) }), money(invoice.tax));
  total(invoice.kind === 'credit_note' ? t('creditTotal') : t('total'), money(invoice.total), true);
  // Credit (a credit note against it, the customer's balance) settled part of it: what is left to pay.
  if (invoice.creditApplied > 0) {
    // pdfkit's standard fonts have no U+2212: the hyphen-minus stands in.
    total(t('creditApplied'), `-${money(invoice.creditApplied)}`);
    total(t('amountDue'), money(invoice.total - invoice.creditApplied), true);
  }

  y += 20;
  doc.font('Helvetica').fontSize(9).fillColor(seller.colorText);
  if (invoice.reverseCharge) {
    doc.font('Helvetica-Bold').text(t('reverseCharge'), 50, y, { width });
    y = doc.y + 8;
    doc.font('Helvetica');
  }
  if (invoice.reason) {
    doc.text(clean(t('reason', { reason: invoice.reason })), 50, y, { width });
    y = doc.y + 8;
  }
  const reference = invoice.transferReference ? groupsOfFour(invoice.transferReference) : null;
  const closing =
    invoice.kind === 'credit_note'
      ? t('creditExplained', { seller: clean(seller.name) })
      : invoice.status === 'paid' && invoice.paidAt
        ? t('paidNote', { date: date(invoice.paidAt) })
        : invoice.dueAt && reference && seller.bank
          ? t('payByTransfer', { total: money(invoice.total - invoice.creditApplied), date: date(invoice.dueAt), reference })
          : invoice.dueAt
            ? t('payOnAccount', { date: date(invoice.dueAt), number })
            : '';
  doc.text(clean(`${closing} ${t('currency', { currency: invoice.currency })}`), 50, y, { width });
  y = doc.y + 14;
  // Where to pay: the seller's account, on every document that has one (and the reference, while open).
  if (seller.bank) {
    const b = createTranslator({ locale: lang, messages, namespace: 'invoices.bank', ...intlFallbacks });
    const lines = bankLines(seller.bank, { accountHolder: b('accountHolder'), accountNumber: b('accountNumber'), bankCode: b('bankCode'), bank: b('bank') });
    if (invoice.status === 'open' && reference) lines.push(t('reference', { reference }));
    if (y + 20 + lines.length * 12 > doc.page.height - 50) {
      doc.addPage();
      y = 60;
    }
    doc.font('Helvetica-Bold').text(t('bankDetails'), 50, y, { width });
    doc.font('Helvetica').text(clean(lines.join('\n')), 50, doc.y + 2, { width });
  }
  doc.end();
  return done;
}
