import { notFound, redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { editablePage, renderPage } from '@/lib/content/tenant-pages';
import { forTenant } from '@/lib/db';
import { can } from '@/lib/identity/access';
import { LOCALE_NAMES, isSupportedLocale, localePath } from '@/lib/i18n/locales';
import { planAllows } from '@/lib/reselling/plans';
import { StorefrontFrame } from '../../../_components/storefront-frame';
import { portalPage } from '../../../_components/page-start';
import { buttonClass, Checkbox, Field, FormFeedback, inputClass, quietButtonClass } from '../../../_components/forms';
import { API } from '../../../_components/api-routes';

export const dynamic = 'force-dynamic';

type Params = Promise<{ tenant: string; locale: string; slug: string }>;
type Search = Promise<Record<string, string | string[] | undefined>>;

/** One content page in one language: its Markdown draft, a preview of it, publish and delete. */
export default async function EditPage({ params, searchParams }: { params: Params; searchParams: Search }) {
  const { slug } = await params;
  const search = await searchParams;
  const asked = typeof search.locale === 'string' ? search.locale : null;
  const { tenant, locale, path, viewer } = await portalPage(params, `/admin/pages/${slug}${asked ? `?locale=${encodeURIComponent(asked)}` : ''}`, 'design:edit');
  const language = asked && tenant.locales.includes(asked) ? asked : tenant.defaultLocale;
  const self = `${path(`/admin/pages/${slug}`)}?locale=${language}`;
  if (!planAllows(tenant, 'contentPages')) redirect(path('/admin/pages'));
  const page = await forTenant(tenant.id, (db) => editablePage(db, tenant.id, slug, language));
  if (!page) notFound();
  const t = await getTranslations({ locale, namespace: 'pages' });
  const mayPublish = can(viewer, tenant, 'design:publish');
  const preview = renderPage(slug, language, page.title, page.body, tenant.name);
  const list = `${path('/admin/pages')}?locale=${language}`;
  const key = (
    <>
      <input type="hidden" name="slug" value={slug} />
      <input type="hidden" name="locale" value={language} />
    </>
  );

  return (
    <StorefrontFrame tenant={tenant} locale={locale} path="/admin/pages">
      <div className="mx-auto flex w-full max-w-5xl flex-col gap-6 px-4 py-10">
        <p><a className="text-sm text-primary underline" href={list}>← {t('back')}</a></p>
        <h1 className="font-heading text-3xl font-bold"><code>/pages/{slug}</code> · {isSupportedLocale(language) ? LOCALE_NAMES[language] : language}</h1>
        <FormFeedback locale={locale} search={search} />
        <div className="grid gap-8 lg:grid-cols-2">
          <form method="post" action={API.adminPages} className="flex flex-col gap-3" data-testid="page-form">
            <input type="hidden" name="returnTo" value={self} />
            {key}
            <Field label={t('pageTitle')}><input name="title" required maxLength={120} defaultValue={page.title} className={inputClass} /></Field>
            <Field label={t('body')}><textarea name="body" rows={18} maxLength={50_000} defaultValue={page.body} className={`${inputClass} font-mono text-sm`} /></Field>
            <Checkbox name="inHeader" defaultChecked={page.inHeader} label={t('inHeader')} />
            <Checkbox name="inFooter" defaultChecked={page.inFooter} label={t('inFooter')} />
            <div><button type="submit" className={buttonClass}>{t('save')}</button></div>
          </form>
          <section aria-label={t('preview')} className="flex flex-col gap-2">
            <h2 className="text-sm text-muted">{t('preview')}</h2>
            {/* renderMarkdown escapes raw HTML and drops unsafe links (lib/content/markdown.ts). */}
            <article className="cf-prose rounded-theme border border-line bg-surface p-6" lang={language} data-testid="page-preview" dangerouslySetInnerHTML={{ __html: preview.html }} />
          </section>
        </div>
        <div className="flex flex-wrap items-center gap-3 border-t border-line pt-4">
          {mayPublish ? (
            <>
              <form method="post" action={API.adminPagesPublish}>
                <input type="hidden" name="returnTo" value={self} />
                {key}
                <button type="submit" className={buttonClass} disabled={!page.row} data-testid="publish-page">{t('publish')}</button>
              </form>
              {page.row && (
                <form method="post" action={API.adminPagesDelete}>
                  <input type="hidden" name="returnTo" value={list} />
                  {key}
                  <button type="submit" className={quietButtonClass}>{page.shipped ? t('revert') : t('delete')}</button>
                </form>
              )}
            </>
          ) : (
            <span className="text-sm text-muted">{t('publishAdminsOnly')}</span>
          )}
          {page.row?.publishedAt && <a className="text-sm text-primary underline" href={localePath(language, tenant.defaultLocale, `/pages/${slug}`)}>{t('view')}</a>}
        </div>
      </div>
    </StorefrontFrame>
  );
}
