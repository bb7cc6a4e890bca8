import { getFormatter, getTranslations } from 'next-intl/server';
import { forTenant } from '@/lib/db';
import { contrastReport } from '@/lib/design/contrast';
import { mediaPath } from '@/lib/design/logo';
import { baseTokens, designTokens, getDraft, listVersions, liveDesign } from '@/lib/design/versions';
import { can } from '@/lib/identity/access';
import { planAllows } from '@/lib/reselling/plans';
import { getTheme, THEME_NAMES } from '@/themes';
import { FONT_STACKS, tokenSchema, type TokenName } from '@/themes/tokens';
import { StorefrontFrame } from '../../_components/storefront-frame';
import { type StorefrontParams, portalPage } from '../../_components/page-start';
import { buttonClass, Field, FormFeedback, inputClass, quietButtonClass } from '../../_components/forms';
import { API } from '../../_components/api-routes';

export const dynamic = 'force-dynamic';

type Search = Promise<Record<string, string | string[] | undefined>>;

const TOKEN_NAMES = Object.keys(tokenSchema.shape) as TokenName[];
const COLOURS = TOKEN_NAMES.filter((n) => n.startsWith('color'));
const FONTS = ['fontBody', 'fontHeading'] as const;
const SIZES = ['radius', 'spacing'] as const;

/** The storefront's design: its draft (theme, tokens, logo), preview, publish, and every published version. */
export default async function DesignPage({ params, searchParams }: { params: StorefrontParams; searchParams: Search }) {
  const { tenant, locale, path, viewer } = await portalPage(params, '/admin/design', 'design:edit');
  const mayPublish = can(viewer, tenant, 'design:publish');
  const t = await getTranslations({ locale, namespace: 'design' });
  const r = await getTranslations({ locale, namespace: 'reselling' });
  const format = await getFormatter({ locale });
  const { draft, versions } = await forTenant(tenant.id, async (db) => ({ draft: await getDraft(db, tenant.id), versions: await listVersions(db, tenant.id) }));
  const design = draft ? { theme: draft.theme, overrides: draft.overrides, logo: draft.logo } : liveDesign(tenant);
  const tokens = designTokens(design, tenant.inheritedTokens);
  const inherited = baseTokens(design.theme, tenant.inheritedTokens);
  const branding = planAllows(tenant, 'branding');
  const returnTo = path('/admin/design');
  const when = (d: Date) => format.dateTime(d, { dateStyle: 'medium', timeStyle: 'short' });
  const hidden = <input type="hidden" name="returnTo" value={returnTo} />;

  return (
    <StorefrontFrame tenant={tenant} locale={locale} path="/admin/design">
      <div className="mx-auto flex w-full max-w-4xl flex-col gap-8 px-4 py-10">
        <p><a className="text-sm text-primary underline" href={path('/admin')}>← {tenant.name}</a></p>
        <header>
          <h1 className="font-heading text-3xl font-bold">{t('title')}</h1>
          <p className="mt-2 text-muted">{t('intro')}</p>
        </header>
        <FormFeedback locale={locale} search={await searchParams} />
        <section className="rounded-theme border border-line bg-surface p-4 text-sm" data-testid="design-status">
          <p>{tenant.designVersion > 0 && versions[0]?.publishedAt ? t('live', { version: tenant.designVersion, date: when(versions[0].publishedAt) }) : t('liveInitial')}</p>
          <p className="mt-1">{draft ? t('draftAt', { date: when(draft.updatedAt) }) : t('noDraft')}</p>
          <div className="mt-3 flex flex-wrap items-center gap-3">
            <form method="post" action={API.adminDesignPreview}>
              {hidden}
              <input type="hidden" name="home" value={path('/')} />
              <button type="submit" className={quietButtonClass} data-testid="preview">{t('preview')}</button>
            </form>
            {mayPublish ? (
              <form method="post" action={API.adminDesignPublish}>
                {hidden}
                <button type="submit" className={`${buttonClass} disabled:opacity-50`} disabled={!draft} data-testid="publish">{t('publish')}</button>
              </form>
            ) : (
              <span className="text-muted">{t('publishAdminsOnly')}</span>
            )}
            {draft && (
              <form method="post" action={API.adminDesignDiscard}>
                {hidden}
                <button type="submit" className={quietButtonClass}>{t('discard')}</button>
              </form>
            )}
          </div>
        </section>

        <form method="post" action={API.adminDesign} className="flex flex-col gap-6" data-testid="design-form">
          {hidden}
          <input type="hidden" name="home" value={path('/')} />
          <fieldset className="flex flex-col gap-3">
            <legend className="font-heading text-xl font-semibold">{t('theme')}</legend>
            <div className="grid gap-3 sm:grid-cols-3">
              {THEME_NAMES.map((name) => {
                const theme = getTheme(name);
                return (
                  <label key={name} className="flex cursor-pointer flex-col gap-1 rounded-theme border border-line bg-surface p-3 text-sm has-[:checked]:border-primary">
                    <span className="flex items-center gap-2 font-medium"><input type="radio" name="theme" value={name} defaultChecked={design.theme === name} />{theme.label}</span>
                    <span className="text-muted">{theme.description}</span>
                  </label>
                );
              })}
            </div>
          </fieldset>
          <fieldset className="flex flex-col gap-3">
            <legend className="font-heading text-xl font-semibold">{t('tokens')}</legend>
            {!branding && <p role="status" data-testid="plan-locked" className="text-muted">{t('tokensLocked', { plan: r(`plans.${tenant.plan}`) })}</p>}
            <div className="grid gap-4 sm:grid-cols-4">
              {COLOURS.map((name) => (
                <Field key={name} label={t(name)}>
                  <input type="color" name={name} defaultValue={sixDigits(tokens[name])} disabled={!branding} className="h-10 w-full rounded-theme border border-line bg-surface" />
                </Field>
              ))}
              {FONTS.map((name) => (
                <Field key={name} label={t(name)}>
                  <select name={name} defaultValue={tokens[name]} disabled={!branding} className={inputClass}>
                    {Object.keys(FONT_STACKS).map((font) => <option key={font} value={font}>{t(`fonts.${font}`)}</option>)}
                  </select>
                </Field>
              ))}
              {SIZES.map((name) => (
                <Field key={name} label={t(name)}>
                  <input name={name} defaultValue={tokens[name]} placeholder={inherited[name]} disabled={!branding} maxLength={12} className={inputClass} />
                </Field>
              ))}
            </div>
            <table className="w-full text-left text-sm" data-testid="contrast">
              <caption className="mb-2 text-left text-muted">{t('contrast')}</caption>
              <tbody>
                {contrastReport(tokens).map((pair) => (
                  <tr key={pair.id} className="border-t border-line" data-passes={pair.passes}>
                    <td className="py-1">{t(`pairs.${pair.id}`)}</td>
                    <td><span className="rounded px-2 py-0.5" style={{ color: pair.fg, background: pair.bg }}>Aa</span></td>
                    <td className="text-right">{pair.ratio.toFixed(2)}:1 · {pair.passes ? t('passes') : t('fails')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </fieldset>
          <div className="flex flex-wrap gap-3">
            <button type="submit" name="intent" value="save" className={buttonClass}>{t('save')}</button>
            <button type="submit" name="intent" value="preview" className={quietButtonClass}>{t('saveAndPreview')}</button>
            {branding && <button type="submit" name="reset" value="tokens" className={quietButtonClass}>{t('resetTokens')}</button>}
          </div>
        </form>

        <section className="flex flex-col gap-3">
          <h2 className="font-heading text-xl font-semibold">{t('logo')}</h2>
          {design.logo ? (
            // eslint-disable-next-line @next/next/no-img-element -- a stored rendition, already sized (lib/design/logo.ts)
            <img src={mediaPath(design.logo.header.file)} alt="" width={design.logo.header.width / 2} height={design.logo.header.height / 2} className="self-start rounded-theme border border-line bg-surface p-2" data-testid="draft-logo" />
          ) : (
            <p className="text-muted">{t('noLogo')}</p>
          )}
          {branding && (
            <form method="post" action={API.adminDesignLogo} encType="multipart/form-data" className="flex flex-wrap items-end gap-3" data-testid="logo-form">
              {hidden}
              <Field label={t('logoHelp')}>
                <input type="file" name="logo" accept="image/png,image/jpeg,image/webp,image/svg+xml" required className={inputClass} />
              </Field>
              <button type="submit" className={buttonClass}>{t('upload')}</button>
            </form>
          )}
          {design.logo && (
            <form method="post" action={API.adminDesignLogo}>
              {hidden}
              <input type="hidden" name="intent" value="remove" />
              <button type="submit" className={quietButtonClass}>{t('removeLogo')}</button>
            </form>
          )}
        </section>

        <section>
          <h2 className="font-heading text-xl font-semibold">{t('versions')}</h2>
          {versions.length === 0 ? (
            <p className="mt-2 text-muted">{t('noVersions')}</p>
          ) : (
            <ul className="mt-3 divide-y divide-line rounded-theme border border-line bg-surface text-sm" data-testid="versions">
              {versions.map((v) => (
                <li key={v.id} className="flex flex-wrap items-center justify-between gap-3 px-4 py-3" data-testid="version" data-version={v.number}>
                  <span>
                    <strong>{t('version', { version: v.number! })}</strong> · {getTheme(v.theme).label} · {when(v.publishedAt!)}
                    {v.restoredFrom ? ` · ${t('restoredFrom', { version: v.restoredFrom })}` : ''}
                    {v.number === tenant.designVersion ? ` · ${t('current')}` : ''}
                  </span>
                  {mayPublish && v.number !== tenant.designVersion && (
                    <form method="post" action={API.adminDesignRestore}>
                      {hidden}
                      <input type="hidden" name="version" value={v.number!} />
                      <button type="submit" className={quietButtonClass}>{t('restore')}</button>
                    </form>
                  )}
                </li>
              ))}
            </ul>
          )}
        </section>

        {tenant.kind === 'distributor' && mayPublish && (
          <section>
            <h2 className="font-heading text-xl font-semibold">{t('defaults')}</h2>
            <p className="mt-1 text-sm text-muted">{t('defaultsHelp')}</p>
            <form method="post" action={API.adminDesignDefaults} className="mt-3 grid gap-3 sm:grid-cols-4" data-testid="defaults-form">
              {hidden}
              {TOKEN_NAMES.map((name) => (
                <Field key={name} label={t(name)}>
                  <input name={name} defaultValue={tenant.defaultTokens[name] ?? ''} maxLength={40} placeholder={name.startsWith('color') ? '#1d4ed8' : name.startsWith('font') ? Object.keys(FONT_STACKS).join(', ') : '8px'} className={inputClass} />
                </Field>
              ))}
              <div className="sm:col-span-4"><button type="submit" className={buttonClass}>{t('saveDefaults')}</button></div>
            </form>
          </section>
        )}
      </div>
    </StorefrontFrame>
  );
}

/** `<input type="color">` only takes #rrggbb. */
function sixDigits(hex: string): string {
  return hex.length === 4 ? `#${[...hex.slice(1)].map((d) => d + d).join('')}` : hex.toLowerCase();
}
