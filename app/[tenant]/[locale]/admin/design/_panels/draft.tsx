import { getTranslations } from 'next-intl/server';
import { contrastReport } from '@/lib/design/contrast';
import { mediaPath } from '@/lib/design/logo';
import { getTheme, THEME_NAMES } from '@/themes';
import { FONT_STACKS } from '@/themes/tokens';
import { API } from '../../../_components/api-routes';
import { buttonClass, Field, inputClass, quietButtonClass } from '../../../_components/forms';
import { BackHere, type DesignView } from './view';
import { COLOURS, FONTS, SIZES } from './tokens';

/** The draft's theme and tokens (colours, fonts, sizes) with the contrast of each colour pair. */
export async function DesignForm({ view }: { view: DesignView }) {
  const { design, tokens, inherited, branding, tenant, locale, path } = view;
  const t = await getTranslations({ locale, namespace: 'design' });
  const r = await getTranslations({ locale, namespace: 'reselling' });
  return (
    <form method="post" action={API.adminDesign} className="flex flex-col gap-6" data-testid="design-form">
      <BackHere view={view} />
      <input type="hidden" name="home" value={path('/')} />
      <fieldset className="flex flex-col gap-3">
        <legend className="font-heading text-xl font-semibold">{t('theme')}</legend>
        <div className="grid gap-3 sm:grid-cols-3">
          {THEME_NAMES.map((name) => {
            const theme = getTheme(name);
            return (
              <label key={name} className="flex cursor-pointer flex-col gap-1 rounded-theme border border-line bg-surface p-3 text-sm has-[:checked]:border-primary">
                <span className="flex items-center gap-2 font-medium"><input type="radio" name="theme" value={name} defaultChecked={design.theme === name} />{theme.label}</span>
                <span className="text-muted">{t(`themeDescriptions.${name}`)}</span>
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
  );
}

/** The draft's logo, uploading another (on plans with branding) and removing it. */
export async function LogoPanel({ view }: { view: DesignView }) {
  const { design, branding, locale } = view;
  const t = await getTranslations({ locale, namespace: 'design' });
  return (
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
          <BackHere view={view} />
          <Field label={t('logoHelp')}>
            <input type="file" name="logo" accept="image/png,image/jpeg,image/webp,image/svg+xml" required className={inputClass} />
          </Field>
          <button type="submit" className={buttonClass}>{t('upload')}</button>
        </form>
      )}
      {design.logo && (
        <form method="post" action={API.adminDesignLogo}>
          <BackHere view={view} />
          <input type="hidden" name="intent" value="remove" />
          <button type="submit" className={quietButtonClass}>{t('removeLogo')}</button>
        </form>
      )}
    </section>
  );
}

/** `<input type="color">` only takes #rrggbb. */
function sixDigits(hex: string): string {
  return hex.length === 4 ? `#${[...hex.slice(1)].map((d) => d + d).join('')}` : hex.toLowerCase();
}
