import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTenant } from '@/lib/db/tenant';
import { issueDocument } from '@/lib/invoices/issue';
import { describe as describeLine } from '@/lib/invoices/orders';
import { renderDocumentPdf } from '@/lib/invoices/pdf';
import { documentDetail } from '@/lib/subscriptions/queries';
import { driverName } from './helpers/db';
import { createWorld, type World } from './helpers/world';

/**
 * The invoice as a customer gets it: a PDF read back with poppler (pdftotext for the words,
 * pdftoppm for the picture). PNGs are left in a temporary folder for a person to look at.
 */
let w: World;
const out = mkdtempSync(path.join(tmpdir(), 'cf-invoice-'));

beforeAll(async () => {
  w = await createWorld();
}, 60_000);
afterAll(async () => w?.drop());

async function issueAcmeInvoice(locale: string, sourceKey: string) {
  const acme = w.tenants.acme;
  const contoso = await w.orgId(acme, 'Contoso Ltd');
  const start = new Date('2027-01-01T00:00:00Z');
  const end = new Date('2027-02-01T00:00:00Z');
  return withTenant(w.app.db, acme.id, async (tx) => {
    const { invoice } = await issueDocument(
      tx,
      acme,
      {
        kind: 'invoice',
        sourceKey,
        organizationId: contoso,
        buyer: { name: 'Contoso Ltd', country: 'US', email: 'anna@contoso.test', taxId: 'US-12-3456789' },
        paymentMethod: 'on_account',
        currency: 'USD',
        taxBasisPoints: 800,
        locale,
        lines: [
          { description: describeLine({ en: 'Acronis Cyber Protect Cloud', de: 'Acronis Cyber Protect Cloud' }, { en: 'Monthly, no commitment', de: 'Monatlich, ohne Bindung' }), periodStart: start, periodEnd: end, quantity: 5, unitPrice: 899, unitCost: 719, amount: 4495 },
          { description: describeLine({ en: 'Keeper Business', de: 'Keeper Business' }, { en: 'Monthly, no commitment', de: 'Monatlich, ohne Bindung' }, 'add_seats'), periodStart: new Date('2027-01-11T00:00:00Z'), periodEnd: end, quantity: 2, unitPrice: 399, unitCost: 319, amount: 542 },
        ],
      },
      new Date('2027-01-11T09:30:00Z'),
    );
    return (await documentDetail(tx, acme.id, invoice.id))!;
  });
}

function pdfText(pdf: Buffer, name: string): string {
  const file = path.join(out, `${name}.pdf`);
  writeFileSync(file, pdf);
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}

/** The page as a picture (PNG for people, PPM for this test to read a pixel of). */
function pixelAt(pdf: Buffer, name: string, x: number, y: number): [number, number, number] {
  const file = path.join(out, `${name}.pdf`);
  writeFileSync(file, pdf);
  execFileSync('pdftoppm', ['-png', '-r', '80', '-singlefile', file, path.join(out, name)]);
  execFileSync('pdftoppm', ['-r', '20', '-singlefile', file, path.join(out, `${name}-small`)]);
  const ppm = readFileSync(path.join(out, `${name}-small.ppm`));
  // P6 <width> <height> <max>\n then RGB bytes.
  const header = ppm.subarray(0, 40).toString('latin1').split(/\s+/);
  const width = Number(header[1]);
  const offset = ppm.indexOf('\n', ppm.indexOf('\n', ppm.indexOf('\n') + 1) + 1) + 1;
  const at = offset + (y * width + x) * 3;
  return [ppm[at]!, ppm[at + 1]!, ppm[at + 2]!];
}

describe(`invoice PDF (${driverName})`, () => {
  it('carries the reseller’s name, address and colour, the lines, the tax and the totals, in English', async () => {
    const { invoice, lines, orderNumber } = await issueAcmeInvoice('en', 'pdf:en');
    expect(invoice).toMatchObject({ subtotal: 5037, tax: 403, total: 5440 });
    const pdf = await renderDocumentPdf(invoice, lines, orderNumber);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = pdfText(pdf, 'invoice-en');
    for (const expected of [
      'Acme Cloud Solutions',
      '500 Market Street',
      `Invoice INV-${String(invoice.number).padStart(6, '0')}`,
      'Issued January 11, 2027',
      'Due February 10, 2027',
      'Contoso Ltd',
      'Tax ID: US-12-3456789',
      'Acronis Cyber Protect Cloud – Monthly, no',
      'Keeper Business – Monthly, no commitment',
      'additional seats for the rest of the period',
      '$8.99',
      '$44.95',
      '$5.42',
      'Subtotal',
      '$50.37',
      'Tax (8 %)',
      '$4.03',
      '$54.40',
      'Amounts in USD.',
    ]) {
      expect(text).toContain(expected);
    }
    // The band at the top is Acme's primary colour (#b91c1c in the Bold theme).
    const [r, g, b] = pixelAt(pdf, 'invoice-en', 5, 3);
    expect(Math.abs(r - 0xb9)).toBeLessThan(8);
    expect(Math.abs(g - 0x1c)).toBeLessThan(8);
    expect(Math.abs(b - 0x1c)).toBeLessThan(8);
  }, 60_000);

  it('speaks the customer’s language', async () => {
    const { invoice, lines, orderNumber } = await issueAcmeInvoice('de', 'pdf:de');
    const text = pdfText(await renderDocumentPdf(invoice, lines, orderNumber), 'invoice-de');
    for (const expected of ['Rechnung INV-', 'Ausgestellt am 11. Januar 2027', 'Fällig am 10. Februar 2027', 'Monatlich, ohne Bindung', 'zusätzliche Lizenzen', 'Zwischensumme', 'Steuer (8 %)', 'Gesamt', '54,40']) {
      expect(text).toContain(expected);
    }
  }, 60_000);
});
