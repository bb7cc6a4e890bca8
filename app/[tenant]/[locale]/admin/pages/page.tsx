import { getTranslations } from 'next-intl/server';
import { listPages } from '@/lib/content/tenant-pages';
import { forTenant } from '@/lib/db';
import { LOCALE_NAMES, isSupportedLocale } from '@/lib/i18n/locales';
import { planAllows } from '@/lib/reselling/plans';
import { StorefrontFrame } from '../../_components/storefront-frame';
import { type StorefrontParams, portalPage } from '../../_components/page-start';
import { buttonClass, Field, FormFeedback, inputClass } from '../../_components/forms';
import { API } from '../../_components/api-routes';

export const dynamic = 'force-dynamic';

type Search = Promise<Record<string, string | string[] | undefined>>;

/** The storefront's content pages in one of its languages: their state, placement, and a new page. */
export default async function PagesPage({ params, searchParams }: { params: StorefrontParams; searchParams: Search }) {
  const { tenant, locale, path } = await portalPage(params, '/admin/pages', 'design:edit');
  const search = await searchParams;
  const asked = typeof search.locale === 'string' ? search.locale : locale;
  const language = tenant.locales.includes(asked) ? asked : tenant.defaultLocale;
  const t = await getTranslations({ locale, namespace: 'pages' });
  const r = await getTranslations({ locale, namespace: 'reselling' });
  const allowed = planAllows(tenant, 'contentPages');
  const pages = await forTenant(tenant.id, (db) => listPages(db, tenant.id, language));
  const returnTo = `${path('/admin/pages')}?locale=${language}`;
  const nameOf = (l: string) => (isSupportedLocale(l) ? LOCALE_NAMES[l] : l);

  return (
    <StorefrontFrame tenant={tenant} locale={locale} path="/admin/pages">
      <div className="mx-auto flex w-full max-w-4xl flex-col gap-6 px-4 py-10">
        <p><a className="text-sm text-primary underline" href={path('/admin')}>← {tenant.name}</a></p>
        <header>
          <h1 className="font-heading text-3xl font-bold">{t('title')}</h1>
          <p className="mt-2 text-muted">{t('intro')}</p>
        </header>
        <FormFeedback locale={locale} search={search} />
        {!allowed && <p role="status" data-testid="plan-locked" className="rounded-theme border border-line bg-surface px-4 py-3">{t('locked', { plan: r(`plans.${tenant.plan}`) })}</p>}
        <nav className="flex flex-wrap gap-2 text-sm" aria-label={t('language')} data-testid="page-languages">
          {tenant.locales.map((l) => (
            <a key={l} href={`${path('/admin/pages')}?locale=${l}`} aria-current={l === language ? 'page' : undefined}
              className="rounded-theme border border-line px-3 py-1 aria-[current=page]:border-primary aria-[current=page]:font-semibold">
              {nameOf(l)}
            </a>
          ))}
        </nav>
        <table className="w-full text-left text-sm" data-testid="pages">
          <thead><tr className="text-muted"><th className="py-2">{t('page')}</th><th>{t('status')}</th><th>{t('placement')}</th><th /></tr></thead>
          <tbody>
            {pages.map(({ slug, row }) => {
              const status = !row ? t('statusDefault') : !row.publishedAt ? t('statusDraft') : row.draftTitle !== row.title || row.draftBody !== row.body || row.draftInHeader !== row.inHeader || row.draftInFooter !== row.inFooter ? t('statusChanged') : t('statusPublished');
              const live = row?.publishedAt ? row : null;
              const placement = live ? [live.inHeader && t('header'), live.inFooter && t('footer')].filter(Boolean).join(', ') : '';
              return (
                <tr key={slug} className="border-t border-line" data-testid="page-row" data-slug={slug}>
                  <td className="py-2"><code>/pages/{slug}</code>{row ? ` · ${row.draftTitle}` : ''}</td>
                  <td>{status}</td>
                  <td>{placement}</td>
                  <td className="text-right">{allowed && <a className="text-primary underline" href={`${path(`/admin/pages/${slug}`)}?locale=${language}`}>{t('edit')}</a>}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
        {allowed && (
          <form method="post" action={API.adminPages} className="flex flex-col gap-3 rounded-theme border border-line bg-surface p-4" data-testid="new-page">
            <h2 className="font-heading text-xl font-semibold">{t('newPage')} · {nameOf(language)}</h2>
            <input type="hidden" name="returnTo" value={returnTo} />
            <input type="hidden" name="editor" value={path('/admin/pages/')} />
            <input type="hidden" name="create" value="1" />
            <input type="hidden" name="locale" value={language} />
            {/* A new page starts empty, linked from the footer; the form sends every field (lib/input/fields.ts). */}
            <input type="hidden" name="body" value="" />
            <input type="hidden" name="inHeader" value="off" />
            <input type="hidden" name="inFooter" value="on" />
            <div className="flex flex-wrap gap-3">
              <Field label={t('address')}><input name="slug" required minLength={2} maxLength={60} pattern="[a-z0-9]+(-[a-z0-9]+)*" placeholder="support-hours" className={inputClass} /></Field>
              <Field label={t('pageTitle')}><input name="title" required maxLength={120} className={inputClass} /></Field>
            </div>
            <div><button type="submit" className={buttonClass}>{t('create')}</button></div>
          </form>
        )}
      </div>
    </StorefrontFrame>
  );
}
