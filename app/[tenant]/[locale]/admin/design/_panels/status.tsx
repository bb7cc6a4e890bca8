import { getTranslations } from 'next-intl/server';
import { API } from '../../../_components/api-routes';
import { buttonClass, quietButtonClass } from '../../../_components/forms';
import { BackHere, type DesignView } from './view';

/** Which version is live, whether a draft waits, and preview, publish and discard. */
export async function DesignStatus({ view }: { view: DesignView }) {
  const { tenant, draft, versions, locale, path, when } = view;
  const t = await getTranslations({ locale, namespace: 'design' });
  return (
    <section className="rounded-theme border border-line bg-surface p-4 text-sm" data-testid="design-status">
      <p>{tenant.designVersion > 0 && versions[0]?.publishedAt ? t('live', { version: tenant.designVersion, date: when(versions[0].publishedAt) }) : t('liveInitial')}</p>
      <p className="mt-1">{draft ? t('draftAt', { date: when(draft.updatedAt) }) : t('noDraft')}</p>
      <div className="mt-3 flex flex-wrap items-center gap-3">
        <form method="post" action={API.adminDesignPreview}>
          <BackHere view={view} />
          <input type="hidden" name="home" value={path('/')} />
          <button type="submit" className={quietButtonClass} data-testid="preview">{t('preview')}</button>
        </form>
        {view.mayPublish ? (
          <form method="post" action={API.adminDesignPublish}>
            <BackHere view={view} />
            <button type="submit" className={`${buttonClass} disabled:opacity-50`} disabled={!draft} data-testid="publish">{t('publish')}</button>
          </form>
        ) : (
          <span className="text-muted">{t('publishAdminsOnly')}</span>
        )}
        {draft && (
          <form method="post" action={API.adminDesignDiscard}>
            <BackHere view={view} />
            <button type="submit" className={quietButtonClass}>{t('discard')}</button>
          </form>
        )}
      </div>
    </section>
  );
}
