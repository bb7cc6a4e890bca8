import { and, desc, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db/client';
import { creditRequests, memberships, organizations, users, type CreditRequestRow } from '../db/schema';
import { DomainError, invalidInput } from '../errors';
import type { Viewer } from '../identity/access';
import { localePath } from '../i18n/locales';
import { sendMail } from '../mail';
import { mailTranslator } from '../mail/translator';
import { decimalToMinor, formatMoney } from '../money';
import type { Tenant } from '../tenancy/types';
import { branded, mailOrigin, staffEmails } from './mails';

const note = z.string().trim().max(500, 'at most 500 characters').optional().transform((v) => v || null);

export const creditRequestInput = z.object({
  organizationId: z.uuid('not a valid id'),
  /** What the customer expects to spend on account, in its currency ("5000", "5 000,00"); optional. */
  amount: z.string().trim().max(20).optional().transform((v) => v || null),
  note,
});

export const creditDecisionInput = z.object({
  requestId: z.uuid('not a valid id'),
  decision: z.enum(['grant', 'decline'], { error: 'grant or decline' }),
  /** Granted: the limit in the customer's currency. */
  creditLimit: z.string().trim().max(20).optional().transform((v) => v || null),
  reason: note,
});

/** An amount typed in the customer's currency, in minor units; refused naming the field. */
function amountIn(value: string, currency: string, field: string): number {
  const minor = decimalToMinor(value.replace(/[\s\u00a0\u202f']/g, ''), currency);
  if (minor === null || minor < 0) throw invalidInput(`${field}: an amount in ${currency} such as 5000 or 5000.00`, [`${field}: an amount in ${currency} such as 5000 or 5000.00`]);
  return minor;
}

/**
 * A member of a customer organisation asks its storefront to let it pay on account. At most one
 * request is open per organisation; the storefront's admins are mailed.
 */
export async function requestCredit(db: Db, tenant: Tenant, viewer: Viewer, input: z.output<typeof creditRequestInput>, now: Date): Promise<CreditRequestRow> {
  const [org] = await db.select().from(organizations).where(and(eq(organizations.tenantId, tenant.id), eq(organizations.id, input.organizationId))).for('update');
  if (!org) throw new DomainError('not_found');
  if (org.onAccount) throw new DomainError('already_on_account');
  const amount = input.amount ? amountIn(input.amount, org.currency, 'amount') : null;
  const [open] = await db.select({ id: creditRequests.id }).from(creditRequests).where(and(eq(creditRequests.tenantId, tenant.id), eq(creditRequests.organizationId, org.id), eq(creditRequests.status, 'open')));
  if (open) throw new DomainError('credit_requested');
  const [row] = await db
    .insert(creditRequests)
    .values({ tenantId: tenant.id, organizationId: org.id, requestedBy: viewer.email, requestedAt: now, amount, note: input.note })
    .returning();
  const { lang, t } = await mailTranslator(tenant.defaultLocale);
  const args = { store: tenant.name, customer: org.name, who: viewer.email, amount: amount === null ? '—' : formatMoney(amount, org.currency, lang), note: input.note ?? '—' };
  const link = { href: `${mailOrigin(tenant)}${localePath(lang, tenant.defaultLocale, '/admin/customers')}#credit-requests`, label: t('adminLink') };
  for (const to of await staffEmails(db, tenant)) {
    await sendMail(db, { tenantId: tenant.id, to, subject: t('creditRequestSubject', args), text: `${t('creditRequestText', args)}\n\n${link.href}`, html: branded(tenant, t('creditRequestText', args), link) });
  }
  return row!;
}

/**
 * The storefront grants a request (payment on account, with the limit it sets) or declines it;
 * either way the customer's admins and whoever asked are mailed. Answering twice is refused.
 */
export async function decideCreditRequest(db: Db, tenant: Tenant, viewer: Viewer, input: z.output<typeof creditDecisionInput>, now: Date): Promise<void> {
  const [request] = await db.select().from(creditRequests).where(and(eq(creditRequests.tenantId, tenant.id), eq(creditRequests.id, input.requestId))).for('update');
  if (!request) throw new DomainError('not_found');
  if (request.status !== 'open') throw new DomainError('request_decided');
  const [org] = await db.select().from(organizations).where(and(eq(organizations.tenantId, tenant.id), eq(organizations.id, request.organizationId)));
  if (!org) throw new DomainError('not_found');
  const granted = input.decision === 'grant';
  if (granted && !input.creditLimit) throw invalidInput(`creditLimit: the limit in ${org.currency}`, [`creditLimit: the limit in ${org.currency}, such as 5000.00`]);
  const limit = granted ? amountIn(input.creditLimit!, org.currency, 'creditLimit') : null;
  if (granted && limit === 0) throw invalidInput('creditLimit: a limit above 0', [`creditLimit: a limit above 0 ${org.currency}`]);
  await db
    .update(creditRequests)
    .set({ status: granted ? 'granted' : 'declined', decidedBy: viewer.email, decidedAt: now, creditLimit: limit, reason: input.reason })
    .where(and(eq(creditRequests.tenantId, tenant.id), eq(creditRequests.id, request.id)));
  if (granted) await db.update(organizations).set({ onAccount: true, creditLimit: limit! }).where(and(eq(organizations.tenantId, tenant.id), eq(organizations.id, org.id)));

  // The organisation's admins and the one who asked, each in the storefront's language.
  const admins = await db
    .select({ email: users.email })
    .from(memberships)
    .innerJoin(users, and(eq(users.tenantId, memberships.tenantId), eq(users.id, memberships.userId)))
    .where(and(eq(memberships.tenantId, tenant.id), eq(memberships.organizationId, org.id), inArray(memberships.role, ['customer_admin'])));
  const recipients = [...new Set([...admins.map((a) => a.email), request.requestedBy])];
  const { lang, t } = await mailTranslator(tenant.defaultLocale);
  const args = { store: tenant.name, customer: org.name, limit: limit === null ? '' : formatMoney(limit, org.currency, lang), reason: input.reason ?? '—' };
  const subject = granted ? t('creditGrantedSubject', args) : t('creditDeclinedSubject', args);
  const text = granted ? t('creditGrantedText', args) : t('creditDeclinedText', args);
  const link = { href: `${mailOrigin(tenant)}${localePath(lang, tenant.defaultLocale, granted ? '/cart' : '/account')}`, label: granted ? t('cartLink') : t('accountLink') };
  for (const to of recipients) await sendMail(db, { tenantId: tenant.id, to, subject, text: `${text}\n\n${link.href}`, html: branded(tenant, text, link) });
}

/** An organisation's latest request, for its account page. */
export async function latestCreditRequest(db: Db, tenantId: string, organizationId: string): Promise<CreditRequestRow | null> {
  const [row] = await db.select().from(creditRequests).where(and(eq(creditRequests.tenantId, tenantId), eq(creditRequests.organizationId, organizationId))).orderBy(desc(creditRequests.requestedAt)).limit(1);
  return row ?? null;
}

/** The storefront's open requests, oldest first, with the customer's name and currency. */
export function openCreditRequests(db: Db, tenantId: string) {
  return db
    .select({ request: creditRequests, customer: organizations.name, currency: organizations.currency })
    .from(creditRequests)
    .innerJoin(organizations, and(eq(organizations.tenantId, creditRequests.tenantId), eq(organizations.id, creditRequests.organizationId)))
    .where(and(eq(creditRequests.tenantId, tenantId), eq(creditRequests.status, 'open')))
    .orderBy(creditRequests.requestedAt)
    .limit(100);
}
