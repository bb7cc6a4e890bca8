import type { Db } from '../db/client';
import { sendMail } from '../mail';
import { mailTranslator } from '../mail/translator';
import type { Tenant } from '../tenancy/types';

const translator = async (locale: string) => (await mailTranslator(locale)).t;

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
