import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { memberships, orders, organizations, plans, products, subscriptionEvents, subscriptions, users } from '../db/schema';
import { localePath } from '../i18n/locales';
import { sendMail } from '../mail';
import { mailTranslator } from '../mail/translator';
import { branded, mailOrigin, staffEmails } from '../orders/mails';
import { formatMoney } from '../money';
import type { Tenant } from '../tenancy/types';

/** The events a customer is told of by mail: every one that costs or returns money, and the ending. */
const CUSTOMER_MAILS = new Set(['seats_decreased', 'cancelled', 'cancel_scheduled', 'renewed', 'ended', 'payment_failed', 'suspended']);
/** …and those the store's admins hear of as well. */
const STAFF_MAILS = new Set(['payment_failed', 'suspended']);

async function loadSubject(db: Db, tenantId: string, subscriptionId: string) {
  const [row] = await db
    .select({ sub: subscriptions, org: organizations, product: products.name, plan: plans.name, locale: orders.locale })
    .from(subscriptions)
    .innerJoin(organizations, and(eq(organizations.tenantId, subscriptions.tenantId), eq(organizations.id, subscriptions.organizationId)))
    .innerJoin(plans, and(eq(plans.tenantId, subscriptions.catalogTenantId), eq(plans.id, subscriptions.planId)))
    .innerJoin(products, and(eq(products.tenantId, plans.tenantId), eq(products.id, plans.productId)))
    .leftJoin(orders, and(eq(orders.tenantId, subscriptions.tenantId), eq(orders.id, subscriptions.orderId)))
    .where(and(eq(subscriptions.tenantId, tenantId), eq(subscriptions.id, subscriptionId)));
  return row ?? null;
}

/** The organisation's billing address and its admins: who hears about money. */
async function customerEmails(db: Db, tenantId: string, organizationId: string, billingEmail: string): Promise<string[]> {
  const admins = await db
    .select({ email: users.email })
    .from(memberships)
    .innerJoin(users, and(eq(users.tenantId, memberships.tenantId), eq(users.id, memberships.userId)))
    .where(and(eq(memberships.tenantId, tenantId), eq(memberships.organizationId, organizationId), eq(memberships.role, 'customer_admin')));
  return [...new Set([billingEmail, ...admins.map((a) => a.email)])];
}

/**
 * The mail for one event of a subscription's history, in the customer's language (the store's for
 * its admins). `onBehalf`: the storefront's staff made the change, and the customer hears of any
 * change, what it was, why and by whom.
 */
export async function sendSubscriptionMail(db: Db, tenant: Tenant, subscriptionId: string, eventId: string, onBehalf = false): Promise<void> {
  const [event] = await db.select().from(subscriptionEvents).where(and(eq(subscriptionEvents.tenantId, tenant.id), eq(subscriptionEvents.id, eventId)));
  const found = await loadSubject(db, tenant.id, subscriptionId);
  if (!event || !found) return;
  if (onBehalf) return sendOnBehalfMail(db, tenant, found, event);
  if (!CUSTOMER_MAILS.has(event.kind)) return;
  const { sub, org } = found;
  const audiences: { to: string[]; locale: string; staff: boolean }[] = [{ to: await customerEmails(db, tenant.id, org.id, org.billingEmail), locale: found.locale ?? tenant.defaultLocale, staff: false }];
  if (STAFF_MAILS.has(event.kind)) audiences.push({ to: await staffEmails(db, tenant), locale: tenant.defaultLocale, staff: true });
  for (const audience of audiences) {
    const { lang, t } = await mailTranslator(audience.locale);
    const dates = (d: Date) => new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeZone: 'UTC' }).format(d);
    const args = {
      store: tenant.name,
      customer: org.name,
      product: `${found.product[lang] ?? found.product.en} – ${found.plan[lang] ?? found.plan.en}`,
      seats: sub.seats,
      amount: formatMoney(Math.abs(event.amount ?? 0), sub.currency, lang),
      date: dates(event.kind === 'cancel_scheduled' && event.effectiveAt ? event.effectiveAt : sub.currentPeriodEnd),
      reason: event.note ?? '',
      retry: event.effectiveAt ? dates(event.effectiveAt) : '',
    };
    const subject = t(`subscription.${event.kind}.subject` as 'subscription.renewed.subject', args);
    const text = t(`subscription.${event.kind}.text` as 'subscription.renewed.text', args);
    const href = `${mailOrigin(tenant)}${localePath(lang, tenant.defaultLocale, audience.staff ? '/admin' : `/account/subscriptions/${sub.id}`)}`;
    const link = { href, label: audience.staff ? t('adminLink') : t('subscription.link') };
    for (const to of audience.to) await sendMail(db, { tenantId: tenant.id, to, subject, text: `${text}\n\n${href}`, html: branded(tenant, text, link) });
  }
}

async function sendOnBehalfMail(db: Db, tenant: Tenant, found: NonNullable<Awaited<ReturnType<typeof loadSubject>>>, event: typeof subscriptionEvents.$inferSelect): Promise<void> {
  const { sub, org } = found;
  const { lang, t, events } = await mailTranslator(found.locale ?? tenant.defaultLocale);
  const change = events(event.kind as 'purchased', { from: event.seatsFrom ?? '', to: event.seatsTo ?? '' });
  const args = { store: tenant.name, customer: org.name, product: `${found.product[lang] ?? found.product.en} – ${found.plan[lang] ?? found.plan.en}`, change, reason: event.note ?? '', actor: event.actor };
  const subject = t('subscription.onBehalf.subject', args);
  const text = t('subscription.onBehalf.text', args);
  const href = `${mailOrigin(tenant)}${localePath(lang, tenant.defaultLocale, `/account/subscriptions/${sub.id}`)}`;
  for (const to of await customerEmails(db, tenant.id, org.id, org.billingEmail)) {
    await sendMail(db, { tenantId: tenant.id, to, subject, text: `${text}\n\n${href}`, html: branded(tenant, text, { href, label: t('subscription.link') }) });
  }
}

/** Seven days ahead: what renews when, and for how much (sent once per period, by the renewal run). */
export async function sendRenewalReminder(db: Db, tenant: Tenant, subscriptionId: string, periodEnd: string): Promise<void> {
  const found = await loadSubject(db, tenant.id, subscriptionId);
  if (!found || found.sub.status !== 'active' || found.sub.currentPeriodEnd.toISOString() !== periodEnd || !found.sub.autoRenew || found.sub.cancelAtPeriodEnd) return;
  const { sub, org } = found;
  const { lang, t } = await mailTranslator(found.locale ?? tenant.defaultLocale);
  const seats = sub.scheduledSeats ?? sub.seats;
  const args = {
    store: tenant.name,
    customer: org.name,
    product: `${found.product[lang] ?? found.product.en} – ${found.plan[lang] ?? found.plan.en}`,
    seats,
    amount: formatMoney(sub.unitPrice * seats, sub.currency, lang),
    date: new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeZone: 'UTC' }).format(sub.currentPeriodEnd),
  };
  const subject = t('subscription.reminder.subject', args);
  const text = t('subscription.reminder.text', args);
  const href = `${mailOrigin(tenant)}${localePath(lang, tenant.defaultLocale, `/account/subscriptions/${sub.id}`)}`;
  for (const to of await customerEmails(db, tenant.id, org.id, org.billingEmail)) {
    await sendMail(db, { tenantId: tenant.id, to, subject, text: `${text}\n\n${href}`, html: branded(tenant, text, { href, label: t('subscription.link') }) });
  }
}
