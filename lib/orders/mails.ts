import { and, eq, inArray, isNull } from 'drizzle-orm';
import { getTheme } from '../../themes';
import { mergeTokens } from '../../themes/tokens';
import { platformDomain, publicOrigin } from '../config/platform';
import type { Db } from '../db/client';
import { invoices, memberships, users } from '../db/schema';
import { bankLines, documentNumber, groupsOfFour } from '../invoices/format';
import type { OrderMailKind } from '../jobs';
import { localePath } from '../i18n/locales';
import { sendMail } from '../mail';
import { mailTranslator } from '../mail/translator';
import { translator } from '../i18n/translator';
import { formatMoney } from '../money';
import type { Tenant } from '../tenancy/types';
import { orderDetail } from './queries';


const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The storefront's name and colours around a mail's text (the plain text goes along as well). */
/** Where mail links go: the storefront's platform host, which always answers (custom domains may lapse). */
export function mailOrigin(tenant: Tenant): string {
  return publicOrigin(tenant.kind === 'distributor' ? platformDomain() : `${tenant.slug}.${platformDomain()}`);
}

export function branded(tenant: Tenant, text: string, link: { href: string; label: string }): string {
  const tokens = mergeTokens(mergeTokens(getTheme(tenant.theme).tokens, tenant.inheritedTokens), tenant.themeOverrides);
  const body = escape(text).replace(/\n/g, '<br>');
  return `<!doctype html><html><body style="margin:0;background:${tokens.colorBackground};color:${tokens.colorText};font-family:Arial,sans-serif">
<div style="max-width:560px;margin:0 auto;padding:24px">
<div style="background:${tokens.colorPrimary};color:${tokens.colorPrimaryText};padding:16px 20px;font-size:20px;font-weight:bold">${escape(tenant.name)}</div>
<div style="background:${tokens.colorSurface};border:1px solid ${tokens.colorBorder};padding:20px;line-height:1.5">${body}
<p><a href="${escape(link.href)}" style="display:inline-block;background:${tokens.colorPrimary};color:${tokens.colorPrimaryText};padding:10px 16px;text-decoration:none">${escape(link.label)}</a></p></div>
</div></body></html>`;
}

export async function staffEmails(db: Db, tenant: Tenant): Promise<string[]> {
  const rows = await db
    .select({ email: users.email })
    .from(memberships)
    .innerJoin(users, and(eq(users.tenantId, memberships.tenantId), eq(users.id, memberships.userId)))
    .where(and(eq(memberships.tenantId, tenant.id), isNull(memberships.organizationId), inArray(memberships.role, ['reseller_admin', 'distributor_admin'])));
  return [...new Set(rows.map((r) => r.email))];
}

/**
 * The order mails, sent by the `order-mail` job: the confirmation to the customer (who ordered,
 * and the billing address), the new-order notice and provisioning failures to the store's admins.
 * Customers read theirs in the language they ordered in; admins in the storefront's.
 */
export async function sendOrderMail(db: Db, tenant: Tenant, orderId: string, kind: OrderMailKind, lineId?: string): Promise<void> {
  const detail = await orderDetail(db, tenant.id, orderId);
  if (!detail) return;
  const { order, lines } = detail;
  const origin = mailOrigin(tenant);
  const customer = kind === 'confirmation' || kind === 'awaiting_transfer' || kind === 'ready' || kind === 'cancelled';
  const { lang, t } = await mailTranslator(customer ? order.locale : tenant.defaultLocale);
  const money = (n: number) => formatMoney(n, order.currency, lang);
  const name = (l: (typeof lines)[number]) => `${l.productName[lang] ?? l.productName.en} – ${l.planName[lang] ?? l.planName.en}`;
  const summary = lines.map((l) => `${l.seats} × ${name(l)}: ${money(l.amount)}`).join('\n');
  const args = { store: tenant.name, number: order.number, customer: order.billing.name, total: money(order.total), tax: money(order.tax), lines: summary };

  let recipients: string[];
  let subject: string;
  let text: string;
  let link: { href: string; label: string };
  if (customer) {
    // Who ordered, when they belong to the organisation; an order the store's staff placed for
    // the customer goes to the organisation's admins instead.
    const people = await db
      .select({ email: users.email, userId: memberships.userId, role: memberships.role })
      .from(memberships)
      .innerJoin(users, and(eq(users.tenantId, memberships.tenantId), eq(users.id, memberships.userId)))
      .where(and(eq(memberships.tenantId, tenant.id), eq(memberships.organizationId, order.organizationId)));
    const buyer = people.find((p) => p.userId === order.userId);
    const to = buyer ? [buyer.email] : people.filter((p) => p.role === 'customer_admin').map((p) => p.email);
    recipients = [...new Set([...to, order.billing.email].filter((e): e is string => !!e))];
    const page = (path: string) => `${origin}${localePath(lang, tenant.defaultLocale, path)}`;
    if (kind === 'awaiting_transfer') {
      const [invoice] = await db.select().from(invoices).where(and(eq(invoices.tenantId, tenant.id), eq(invoices.sourceKey, `order:${order.id}`)));
      const bank = invoice?.seller.bank;
      // Paid already (marked before the job ran) or no account to pay to: nothing to ask for.
      if (!invoice || invoice.status !== 'open' || !bank || !invoice.transferReference) return;
      const b = translator(lang, 'invoices.bank');
      const due = new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeZone: 'UTC' }).format(invoice.dueAt ?? invoice.issuedAt);
      const transfer = { ...args, invoice: documentNumber(invoice), total: money(invoice.total), due, reference: groupsOfFour(invoice.transferReference), bank: bankLines(bank, { accountHolder: b('accountHolder'), accountNumber: b('accountNumber'), bankCode: b('bankCode'), bank: b('bank') }).join('\n'), provisioned: order.state === 'awaiting_payment' ? 'no' : 'yes' };
      subject = t('transferSubject', transfer);
      text = t('transferText', transfer);
      link = { href: page(`/account/invoices/${invoice.id}/pdf`), label: t('invoiceLink') };
    } else if (kind === 'ready') {
      const line = lines.find((l) => l.id === lineId);
      if (!line || line.state !== 'provisioned') return;
      const sub = detail.subscriptions.find((s) => s.orderLineId === line.id) ?? null;
      const ready = { ...args, line: name(line), seats: line.seats, kind: line.kind };
      subject = t('readySubject', ready);
      text = t('readyText', ready);
      const subscriptionId = sub?.id ?? line.subscriptionId;
      link = subscriptionId ? { href: page(`/account/subscriptions/${subscriptionId}`), label: t('subscriptionLink') } : { href: page(`/account/orders/${order.id}`), label: t('orderLink') };
    } else if (kind === 'cancelled') {
      // The store's own words, as its history keeps them ("cancelled by …: why").
      const reason = /^cancelled by [^:]+: (.+)$/s.exec(detail.events.find((e) => e.toState === 'cancelled')?.cause ?? '')?.[1] ?? '';
      subject = t('cancelledSubject', args);
      text = t('cancelledText', { ...args, reason });
      link = { href: page(`/account/orders/${order.id}`), label: t('orderLink') };
    } else {
      subject = t('orderSubject', args);
      text = t('orderText', args);
      link = { href: page(`/account/orders/${order.id}`), label: t('orderLink') };
    }
  } else {
    recipients = await staffEmails(db, tenant);
    const line = lines.find((l) => l.id === lineId);
    subject = kind === 'new_order' ? t('newOrderSubject', args) : t('failedSubject', args);
    text = kind === 'new_order' ? t('newOrderText', args) : t('failedText', { ...args, line: line ? name(line) : '', reason: line?.failure ?? '' });
    link = { href: `${origin}${localePath(lang, tenant.defaultLocale, '/admin')}`, label: t('adminLink') };
  }
  for (const to of recipients) {
    await sendMail(db, { tenantId: tenant.id, to, subject, text: `${text}\n\n${link.href}`, html: branded(tenant, text, link) });
  }
}
