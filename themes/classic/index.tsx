import type { FooterProps, HeaderProps, HeroProps, ProductCardProps, ShellProps, Theme } from '../types';
import { defineTheme, MENU_NAV, MenuToggle, NavLinks, StoreMark } from '../blocks';

/** Classic: a light top bar, centred hero, card grid and a columned footer. The safe default. */
function Shell({ header, footer, children }: ShellProps) {
  return (
    <div className="flex min-h-screen flex-col bg-bg text-ink" data-theme-layout="topbar">
      {header}
      <main className="mx-auto w-full max-w-6xl flex-1 px-4 py-8 sm:px-6 sm:py-10">{children}</main>
      {footer}
    </div>
  );
}

function Header({ storeName, logo, homeHref, nav, localeSwitcher, menuLabel }: HeaderProps) {
  return (
    <header className="border-b border-line bg-surface">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-x-6 gap-y-3 px-4 py-4 sm:px-6">
        <a href={homeHref} className="font-heading text-xl font-semibold text-primary" data-testid="store-name">
          <StoreMark storeName={storeName} logo={logo} />
        </a>
        <MenuToggle label={menuLabel} className="rounded-theme border border-line px-3 py-1 text-sm" />
        <nav id="cf-nav" className={`${MENU_NAV} flex-col items-start gap-x-6 gap-y-3 text-sm md:flex-row md:flex-wrap md:items-center`}>
          <NavLinks links={nav} className="text-ink hover:text-primary aria-[current=page]:font-semibold" />
          {localeSwitcher}
        </nav>
      </div>
    </header>
  );
}

function Hero({ title, subtitle, cta }: HeroProps) {
  return (
    <section className="rounded-theme bg-surface px-8 py-16 text-center [box-shadow:var(--shadow-sm)]" data-testid="hero">
      <h1 className="font-heading text-4xl font-bold text-ink">{title}</h1>
      <p className="mx-auto mt-4 max-w-2xl text-lg text-muted">{subtitle}</p>
      <a href={cta.href} className="mt-8 inline-block rounded-theme bg-primary px-6 py-3 font-medium text-primary-text">
        {cta.label}
      </a>
    </section>
  );
}

function ProductCard({ href, name, vendor, summary, priceLabel }: ProductCardProps) {
  return (
    <a href={href} className="block rounded-theme border border-line bg-surface p-5 hover:border-primary">
      <p className="text-xs uppercase tracking-wide text-muted">{vendor}</p>
      <h3 className="mt-1 font-heading text-lg font-semibold">{name}</h3>
      <p className="mt-2 text-sm text-muted">{summary}</p>
      {priceLabel && <p className="mt-4 font-semibold text-primary">{priceLabel}</p>}
    </a>
  );
}

function Footer({ storeName, links, notes }: FooterProps) {
  return (
    <footer className="border-t border-line bg-surface">
      <div className="mx-auto grid max-w-6xl gap-6 px-6 py-8 text-sm text-muted sm:grid-cols-3">
        <p className="font-heading font-semibold text-ink">{storeName}</p>
        <ul className="flex flex-col gap-1">
          {links.map((link) => (
            <li key={link.href}><a href={link.href} className="hover:text-primary">{link.label}</a></li>
          ))}
        </ul>
        <div className="flex flex-col gap-1">{notes.map((note, i) => <p key={i}>{note}</p>)}</div>
      </div>
    </footer>
  );
}

export const classic: Theme = defineTheme({
  name: 'classic',
  label: 'Classic',
  description: 'Light top bar, centred hero, card grid.',
  tokens: {
    colorPrimary: '#1d4ed8',
    colorPrimaryText: '#ffffff',
    colorAccent: '#f59e0b',
    colorBackground: '#f8fafc',
    colorSurface: '#ffffff',
    colorText: '#0f172a',
    colorMuted: '#475569',
    colorBorder: '#e2e8f0',
    fontBody: 'system',
    fontHeading: 'system',
    radius: '8px',
    spacing: '0.25rem',
  },
  Shell,
  Header,
  Footer,
  Hero,
  ProductCard,
});
