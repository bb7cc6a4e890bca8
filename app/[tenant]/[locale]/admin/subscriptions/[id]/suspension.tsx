import { getTranslations } from 'next-intl/server';
import { errorSentence } from '@/lib/i18n/errors';
import { changeState } from '@/lib/subscriptions/commands';
import { reactivateRefusal, suspendRefusal } from '@/lib/subscriptions/policy';
import { API } from '../../../_components/api-routes';
import { buttonClass, quietButtonClass } from '../../../_components/forms';
import { Hidden, one, Reason, type SubscriptionView } from '../../../account/subscriptions/[id]/_panels/view';

/**
 * Suspending (use and renewal stop, seats kept) and reactivating, for the storefront's staff:
 * previewed like every change (`?suspend=1`, `?reactivate=1`), with the policy's refusal said
 * before a confirm button is offered.
 */
export async function Suspension({ view }: { view: SubscriptionView }) {
  const { sub, search, page, locale } = view;
  if (!view.admin || sub.status === 'cancelled') return null;
  const t = await getTranslations({ locale, namespace: 'subscriptions' });
  const suspended = sub.status === 'suspended';
  const asked = one(search[suspended ? 'reactivate' : 'suspend']) === '1';
  if (!asked) {
    return (
      <section className="flex flex-wrap items-center justify-between gap-4 rounded-theme border border-line bg-surface p-4 text-sm">
        <h2 className="font-heading text-lg font-semibold">{t('suspension')}</h2>
        <a className={quietButtonClass} href={`${page}?${suspended ? 'reactivate' : 'suspend'}=1`} data-testid={suspended ? 'reactivate' : 'suspend'}>{suspended ? t('reactivate') : t('suspend')}</a>
      </section>
    );
  }
  const state = changeState({ sub, assigned: view.assigned.length, pendingSeats: view.pendingSeats, pendingUpgrade: view.pendingUpgrade });
  const refused = suspended ? reactivateRefusal(state) : suspendRefusal(state);
  const words = refused ? errorSentence(locale, refused.code) : t(suspended ? 'quote.reactivate' : 'quote.suspend');
  return (
    <section className="rounded-theme border-2 border-primary bg-surface p-4" data-testid="quote">
      <h2 className="font-heading text-lg font-semibold">{t('quote.title')}</h2>
      <p className="mt-2">{words}</p>
      <div className="mt-4 flex flex-wrap items-end gap-4">
        {!refused && (
          <form method="post" action={suspended ? API.adminSubscriptionsReactivate : API.adminSubscriptionsSuspend} className="flex flex-wrap items-end gap-3">
            <Hidden view={view} />
            <Reason view={view} />
            <button type="submit" className={buttonClass} data-testid="confirm">{suspended ? t('reactivate') : t('suspend')}</button>
          </form>
        )}
        <a className="text-primary underline" href={page}>{t('back')}</a>
      </div>
    </section>
  );
}
