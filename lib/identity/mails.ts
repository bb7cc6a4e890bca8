import { createTranslator } from 'next-intl';
import type { Db } from '../db/client';
import { isSupportedLocale } from '../i18n/locales';
import { sendMail } from '../mail';
import type { Tenant } from '../tenancy/types';

async function translator(locale: string) {
  const lang = isSupportedLocale(locale) ? locale : 'en';
  const messages = (await import(`../../content/messages/${lang}.json`)).default;
  return createTranslator({ locale: lang, messages, namespace: 'mail' });
}

export async function signInMail(db: Db, args: { tenant: Tenant; locale: string; to: string; link: string; minutes: number }) {
  const t = await translator(args.locale);
  await sendMail(db, {
    tenantId: args.tenant.id,
    to: args.to,
    subject: t('signInSubject', { store: args.tenant.name }),
    text: t('signInText', { store: args.tenant.name, link: args.link, minutes: args.minutes }),
  });
}

export async function invitationMail(
  db: Db,
  args: { tenant: Tenant; locale: string; to: string; inviter: string; target: string; link: string },
) {
  const t = await translator(args.locale);
  await sendMail(db, {
    tenantId: args.tenant.id,
    to: args.to,
    subject: t('inviteSubject', { store: args.tenant.name, inviter: args.inviter, target: args.target }),
    text: t('inviteText', { store: args.tenant.name, inviter: args.inviter, target: args.target, email: args.to, link: args.link }),
  });
}
