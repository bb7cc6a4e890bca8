import { getTranslations } from 'next-intl/server';
import { getTheme } from '@/themes';
import { FONT_STACKS } from '@/themes/tokens';
import { API } from '../../../_components/api-routes';
import { buttonClass, Field, inputClass, quietButtonClass } from '../../../_components/forms';
import { TOKEN_NAMES } from './tokens';
import { BackHere, type DesignView } from './view';

/** Every published version, the live one marked; publishers restore an earlier one. */
export async function VersionsPanel({ view }: { view: DesignView }) {
  const { versions, tenant, locale, when } = view;
  const t = await getTranslations({ locale, namespace: 'design' });
  return (
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
              {view.mayPublish && v.number !== tenant.designVersion && (
                <form method="post" action={API.adminDesignRestore}>
                  <BackHere view={view} />
                  <input type="hidden" name="version" value={v.number!} />
                  <button type="submit" className={quietButtonClass}>{t('restore')}</button>
                </form>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** The distributor's default tokens, which every reseller's storefront inherits unless it sets its own. */
export async function DefaultsPanel({ view }: { view: DesignView }) {
  const { tenant, locale } = view;
  if (tenant.kind !== 'distributor' || !view.mayPublish) return null;
  const t = await getTranslations({ locale, namespace: 'design' });
  return (
    <section>
      <h2 className="font-heading text-xl font-semibold">{t('defaults')}</h2>
      <p className="mt-1 text-sm text-muted">{t('defaultsHelp')}</p>
      <form method="post" action={API.adminDesignDefaults} className="mt-3 grid gap-3 sm:grid-cols-4" data-testid="defaults-form">
        <BackHere view={view} />
        {TOKEN_NAMES.map((name) => (
          <Field key={name} label={t(name)}>
            <input name={name} defaultValue={tenant.defaultTokens[name] ?? ''} maxLength={40} placeholder={name.startsWith('color') ? '#1d4ed8' : name.startsWith('font') ? Object.keys(FONT_STACKS).join(', ') : '8px'} className={inputClass} />
          </Field>
        ))}
        <div className="sm:col-span-4"><button type="submit" className={buttonClass}>{t('saveDefaults')}</button></div>
      </form>
    </section>
  );
}
