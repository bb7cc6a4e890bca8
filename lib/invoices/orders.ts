import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/client';
import { invoices, orderLines, orders, subscriptions, type InvoiceRow, type LocalizedText, type OrderRow } from '../db/schema';
import { settleCreditNote } from './credit';
import type { Tenant } from '../tenancy/types';
import { addMonths, periodMonths } from '../periods';
import { issueDocument, type DocumentLine, type IssueRequest } from './issue';

/** Words printed on document lines, in the languages the storefronts speak. */
const PHRASES = {
  add_seats: { en: 'additional seats for the rest of the period', de: 'zusätzliche Lizenzen für den Rest des Zeitraums', fr: 'licences supplémentaires pour le reste de la période' },
  upgrade: { en: 'plan upgrade for the rest of the period (unused time of the old plan deducted)', de: 'Tarifwechsel für den Rest des Zeitraums (ungenutzte Zeit des alten Tarifs abgezogen)', fr: 'changement de formule pour le reste de la période (temps non utilisé de l’ancienne formule déduit)' },
  renewal: { en: 'renewal', de: 'Verlängerung', fr: 'renouvellement' },
  seats_returned: { en: 'seats returned: unused time credited', de: 'zurückgegebene Lizenzen: ungenutzte Zeit gutgeschrieben', fr: 'licences rendues : temps non utilisé crédité' },
  cancelled: { en: 'cancelled: unused time credited', de: 'gekündigt: ungenutzte Zeit gutgeschrieben', fr: 'résilié : temps non utilisé crédité' },
  not_provisioned: { en: 'could not be provisioned: credited in full', de: 'konnte nicht eingerichtet werden: voll gutgeschrieben', fr: 'n’a pas pu être mis en place : crédité en totalité' },
} as const satisfies Record<string, LocalizedText>;

export type Phrase = keyof typeof PHRASES;

/** "Product – Plan" (and what the line is for) in every language the names or phrases have. */
export function describe(productName: LocalizedText, planName: LocalizedText, phrase?: Phrase): LocalizedText {
  const languages = new Set([...Object.keys(productName), ...Object.keys(planName), ...(phrase ? Object.keys(PHRASES[phrase]) : [])]);
  const out: LocalizedText = {};
  for (const l of languages) {
    const words = phrase ? (PHRASES[phrase] as LocalizedText)[l] ?? PHRASES[phrase].en : null;
    out[l] = `${productName[l] ?? productName.en} – ${planName[l] ?? planName.en}${words ? ` (${words})` : ''}`;
  }
  return out;
}

const LICENSEE: LocalizedText = { en: 'licensee', de: 'Lizenznehmer', fr: 'titulaire' };

/** A line bought for resale names its licensee on the invoice. */
export function forLicensee(text: LocalizedText, licensee: { name: string; country: string } | null | undefined): LocalizedText {
  if (!licensee) return text;
  return Object.fromEntries(Object.entries(text).map(([l, v]) => [l, `${v} · ${LICENSEE[l] ?? LICENSEE.en}: ${licensee.name} (${licensee.country})`]));
}

interface LineLike {
  licensee?: { name: string; country: string } | null;
  kind: 'new' | 'add_seats' | 'upgrade';
  subscriptionId: string | null;
  productName: LocalizedText;
  planName: LocalizedText;
  billingPeriod: 'month' | 'year';
  seats: number;
  unitPrice: number;
  unitCost: number;
  amount: number;
  periodEnd?: Date;
}

/**
 * The invoice of an order: on account when it is placed, by card when it is paid. Issued once per
 * order (its source key), whichever path asks. A new subscription's line covers its first period;
 * a change covers the rest of the subscription's current one.
 */
export async function invoiceOrder(db: Db, tenant: Tenant, order: OrderRow, lines: LineLike[] | null, paid: { at: Date; reference: string | null } | null, now: Date): Promise<InvoiceRow> {
  const { invoice } = await issueDocument(db, tenant, await orderInvoice(db, order, lines, paid, now), now);
  return invoice;
}

/** What an order's invoice says: its lines (read when not given) and the order's buyer, currency and tax. */
export async function orderInvoice(
  db: Db,
  order: Pick<OrderRow, 'id' | 'tenantId' | 'organizationId' | 'billing' | 'paymentMethod' | 'currency' | 'taxBasisPoints' | 'reverseCharge' | 'purchaseOrder' | 'locale'>,
  lines: LineLike[] | null,
  paid: { at: Date; reference: string | null } | null,
  now: Date,
): Promise<IssueRequest> {
  const rows: LineLike[] = lines ?? (await db.select().from(orderLines).where(and(eq(orderLines.tenantId, order.tenantId), eq(orderLines.orderId, order.id))).orderBy(orderLines.position));
  const changed = rows.filter((l) => l.subscriptionId && !l.periodEnd).map((l) => l.subscriptionId!);
  const ends = new Map<string, Date>();
  if (changed.length) {
    const subs = await db.select({ id: subscriptions.id, end: subscriptions.currentPeriodEnd }).from(subscriptions).where(and(eq(subscriptions.tenantId, order.tenantId), inArray(subscriptions.id, changed)));
    for (const s of subs) ends.set(s.id, s.end);
  }
  const documentLines: DocumentLine[] = rows.map((l) => {
    if (l.kind === 'new') {
      return { description: forLicensee(describe(l.productName, l.planName), l.licensee), periodStart: now, periodEnd: addMonths(now, periodMonths(l.billingPeriod)), quantity: l.seats, unitPrice: l.unitPrice, unitCost: l.unitCost, amount: l.amount };
    }
    const end = l.periodEnd ?? ends.get(l.subscriptionId!) ?? now;
    return { description: describe(l.productName, l.planName, l.kind), periodStart: now, periodEnd: end < now ? now : end, quantity: l.seats, unitPrice: l.unitPrice, unitCost: l.unitCost, amount: l.amount };
  });
  return {
    kind: 'invoice',
    sourceKey: `order:${order.id}`,
    organizationId: order.organizationId,
    buyer: order.billing,
    orderId: order.id,
    paymentMethod: order.paymentMethod,
    paid,
    currency: order.currency,
    taxBasisPoints: order.taxBasisPoints,
    reverseCharge: order.reverseCharge,
    purchaseOrder: order.purchaseOrder,
    locale: order.locale,
    lines: documentLines,
  };
}

/**
 * A line of an invoiced order that could not be provisioned is credited in full (a credit note,
 * once per line); by card, the money goes back to the card (the refund job).
 */
export async function creditFailedLine(db: Db, tenant: Tenant, orderId: string, lineId: string, now: Date): Promise<void> {
  const [[invoice], [line], [order]] = await Promise.all([
    db.select().from(invoices).where(and(eq(invoices.tenantId, tenant.id), eq(invoices.sourceKey, `order:${orderId}`))).execute(),
    db.select().from(orderLines).where(and(eq(orderLines.tenantId, tenant.id), eq(orderLines.id, lineId))).execute(),
    db.select().from(orders).where(and(eq(orders.tenantId, tenant.id), eq(orders.id, orderId))).execute(),
  ]);
  if (!invoice || !line || !order || line.amount === 0) return;
  const { invoice: note, created } = await issueDocument(
    db,
    tenant,
    {
      kind: 'credit_note',
      sourceKey: `failed:${lineId}`,
      organizationId: order.organizationId,
      buyer: order.billing,
      subscriptionId: line.subscriptionId,
      orderId,
      paymentMethod: order.paymentMethod,
      currency: order.currency,
      taxBasisPoints: order.taxBasisPoints,
      reverseCharge: order.reverseCharge,
      purchaseOrder: order.purchaseOrder,
      locale: order.locale,
      lines: [{ description: describe(line.productName, line.planName, 'not_provisioned'), periodStart: now, periodEnd: now, quantity: line.seats, unitPrice: line.unitPrice, unitCost: line.unitCost, amount: line.amount }],
      // It credits the invoice's line of the same position (the invoice has the order's lines in order),
      // so what is left to credit by hand counts it.
      positions: [line.position],
      credits: { invoiceId: invoice.id, reason: null, by: 'system' },
    },
    now,
  );
  // By card back to the card; off what is still due on the order's invoice; else the customer's credit.
  if (created) await settleCreditNote(db, tenant.id, note, invoice, now);
}
