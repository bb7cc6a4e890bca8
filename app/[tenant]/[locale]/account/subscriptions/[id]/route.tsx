import { getTranslations } from 'next-intl/server';
import { personalDocument, personalNotFound } from '../../../_components/document';
import { personalRoute } from '../../../_components/personal';
import { ChangeForms, ScheduledChange } from './_panels/changes';
import { CommitmentPanel } from './_panels/commitment';
import { Licences } from './_panels/licences';
import { ChangePreview } from './_panels/preview';
import { Documents, History } from './_panels/records';
import { SubscriptionSummary } from './_panels/summary';
import { subscriptionView } from './_panels/view';

export const dynamic = 'force-dynamic';

/**
 * One subscription: its facts, the commitment clock, every change with what it costs before it is
 * confirmed (a preview is a plain GET of this page; the change itself a POST), who has its seats,
 * its history and its documents. Members see it; only the organisation's admins change it.
 */
export const GET = personalRoute<{ id: string }, 'signed-in'>({ access: 'signed-in', refuse: { page: (p) => `/account/subscriptions/${p.id}` } }, async (request) => {
  const view = await subscriptionView(request, request.params.id, request.search);
  if (!view) return personalNotFound(request.page);
  const t = await getTranslations({ locale: view.locale, namespace: 'subscriptions' });
  return personalDocument(request.page, `/account/subscriptions/${view.sub.id}`, {
    title: view.text(view.product.name),
    body: (
      <div className="mx-auto flex w-full max-w-4xl flex-col gap-8 px-4 py-10">
        <SubscriptionSummary view={view} />
        <CommitmentPanel view={view} />
        <ChangePreview view={view} />
        <ScheduledChange view={view} />
        <ChangeForms view={view} />
        <Licences view={view} />
        <Documents view={view} />
        <History view={view} />
        <p><a className="text-primary underline" href={view.path('/account/subscriptions')}>← {t('title')}</a></p>
      </div>
    ),
  });
});
