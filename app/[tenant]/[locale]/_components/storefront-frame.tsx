import { getFormatter, getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { LOCALE_NAMES, currencyName, isSupportedLocale, localePath } from '@/lib/i18n/locales';
import { inServiceMode, type Tenant } from '@/lib/tenancy/types';
import { pageLinks } from '@/lib/content/tenant-pages';
import { forTenant } from '@/lib/db';
import { mediaPath } from '@/lib/design/logo';
import { getTheme } from '@/themes';
import { PortalShell } from './portal-shell';

interface FrameProps {
  tenant: Tenant;
  locale: string;
  /** The page's path without locale prefix, e.g. `/pages/about`: for the language links. */
  path: string;
  children: ReactNode;
}

/** Header, footer and language links around a page, drawn by the tenant's theme. */
export async function StorefrontFrame({ tenant, locale, path, children }: FrameProps) {
  const theme = getTheme(tenant.theme);
  const t = await getTranslations({ locale });
  const format = await getFormatter({ locale });
  const href = (p: string) => localePath(locale, tenant.defaultLocale, p);
  // The header file is drawn at twice the size it is shown at, for sharp logos on dense screens.
  const logo = tenant.logo ? { src: mediaPath(tenant.logo.header.file), width: tenant.logo.header.width / 2, height: tenant.logo.header.height / 2 } : null;

  // The storefront's content pages, where it placed them (shipped pages until it publishes its own).
  const shippedTitle = (slug: string) => (slug === 'about' ? t('nav.about') : t(`footer.${slug}` as 'footer.terms'));
  const named = (title: string) => title.replace(/\{\{\s*storeName\s*\}\}/g, tenant.name);
  const pages = await forTenant(tenant.id, (db) => pageLinks(db, tenant.id, locale, shippedTitle));
  // A storefront in service mode sells nothing: no catalog or cart to link to.
  const selling = !inServiceMode(tenant);
  const nav = [
    { href: href('/'), label: t('nav.home'), current: path === '/' },
    ...(selling ? [{ href: href('/products'), label: t('nav.products'), current: path.startsWith('/products') }] : []),
    ...pages.header.map((p) => ({ href: href(`/pages/${p.slug}`), label: named(p.title), current: path === `/pages/${p.slug}` })),
    // Plain links for everyone: who is signed in, or what is in the cart, is never rendered into
    // cached pages.
    ...(selling ? [{ href: href('/cart'), label: t('nav.cart'), current: path.startsWith('/cart') || path.startsWith('/checkout') }] : []),
    { href: href('/account'), label: t('nav.account'), current: path.startsWith('/account') || path.startsWith('/signin') },
    // For the storefront's staff only: the page's script shows it when the staff cookie is set.
    { href: href('/admin'), label: t('nav.portal'), current: path.startsWith('/admin'), staffOnly: true },
  ];
  const languageLinks =
    tenant.locales.length > 1 ? (
      <span className="cf-switch inline-flex gap-2 uppercase" aria-label={t('nav.language')} data-testid="locale-switcher">
        {tenant.locales.map((l) => (
          <a key={l} href={localePath(l, tenant.defaultLocale, path)} hrefLang={l} lang={l}
            aria-current={l === locale ? 'true' : undefined}
            title={isSupportedLocale(l) ? LOCALE_NAMES[l] : l}>
            {l}
          </a>
        ))}
      </span>
    ) : null;
  const currencyLinks =
    tenant.currencies.length > 1 ? (
      <span className="cf-switch inline-flex gap-2" aria-label={t('nav.currency')} data-testid="currency-switcher">
        {tenant.currencies.map((c) => (
          <a key={c} href={`${localePath(locale, tenant.defaultLocale, path)}?currency=${c}`} data-currency-option={c} rel="nofollow">
            {c}
          </a>
        ))}
      </span>
    ) : null;
  const localeSwitcher = (
    <span className="inline-flex flex-wrap items-center gap-4">
      {languageLinks}
      {currencyLinks}
    </span>
  );

  return (
    <theme.Shell
      header={<theme.Header storeName={tenant.name} logo={logo} homeHref={href('/')} nav={nav} localeSwitcher={localeSwitcher} menuLabel={t('nav.menu')} />}
      footer={
        <theme.Footer
          storeName={tenant.name}
          links={pages.footer.map((p) => ({ href: href(`/pages/${p.slug}`), label: named(p.title) }))}
          notes={[
            ...(tenant.contactEmail ? [t('footer.contact', { email: tenant.contactEmail })] : []),
            // Named for the currency the prices are shown in: each is there, CSS shows the visitor's.
            <>{tenant.currencies.map((c) => <span key={c} data-price={c}>{t('footer.pricesIn', { currency: currencyName(locale, c) })}</span>)}</>,
            t('footer.updated', { date: new Date(tenant.updatedAt) }),
            t('footer.rights', { year: format.dateTime(new Date(), { year: 'numeric' }), store: tenant.name }),
          ]}
        />
      }
    >
      {path.startsWith('/admin') ? <PortalShell tenant={tenant} locale={locale} path={path}>{children}</PortalShell> : children}
    </theme.Shell>
  );
}
