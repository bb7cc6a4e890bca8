import type { ContentPageTemplateProps, ProductPageTemplateProps, FooterProps, HeaderProps, HeroProps, ProductCardProps, ProductGridProps, ShellProps, Theme } from '../types';
import { defineTheme, MENU_NAV, MenuToggle, NavLinks, StoreMark } from '../blocks';

/** Studio: a fixed sidebar for navigation, serif headings, generous white space, round corners. */
function Shell({ header, footer, children }: ShellProps) {
  return (
    <div className="min-h-screen bg-bg text-ink md:grid md:grid-cols-[16rem_1fr]" data-theme-layout="sidebar">
      {header}
      <div className="flex min-h-screen min-w-0 flex-col">
        <main className="w-full max-w-4xl flex-1 px-5 py-8 md:px-10 md:py-12">{children}</main>
        {footer}
      </div>
    </div>
  );
}

// On a phone the sidebar is a bar at the top: the store's name and the menu button, the
// navigation folded away until it is opened (it once filled the whole first screen).
function Header({ storeName, logo, homeHref, nav, localeSwitcher, menuLabel }: HeaderProps) {
  return (
    <header className="flex flex-wrap items-center justify-between gap-4 border-b border-line bg-surface px-5 py-4 md:sticky md:top-0 md:h-screen md:flex-col md:flex-nowrap md:items-stretch md:justify-start md:gap-10 md:border-b-0 md:border-r md:px-8 md:py-10">
      <a href={homeHref} className="font-heading text-2xl italic text-primary" data-testid="store-name">
        <StoreMark storeName={storeName} logo={logo} />
      </a>
      <MenuToggle label={menuLabel} className="rounded-theme border border-line px-3 py-1 text-sm" />
      <nav id="cf-nav" className={`${MENU_NAV} flex-col gap-3`}>
        <NavLinks links={nav} className="rounded-theme px-3 py-2 text-muted hover:bg-bg aria-[current=page]:bg-primary aria-[current=page]:text-primary-text" />
      </nav>
      <div className="hidden text-sm [#cf-nav:target~&]:block md:mt-auto md:block">{localeSwitcher}</div>
    </header>
  );
}

function Hero({ title, subtitle, cta }: HeroProps) {
  return (
    <section className="border-b border-line pb-12" data-testid="hero">
      <p className="text-sm uppercase tracking-[0.3em] text-accent">—</p>
      <h1 className="mt-4 font-heading text-5xl/tight">{title}</h1>
      <p className="mt-6 max-w-xl text-lg/relaxed text-muted">{subtitle}</p>
      <a href={cta.href} className="mt-8 inline-block rounded-theme border-2 border-primary px-6 py-2 text-primary hover:bg-primary hover:text-primary-text">
        {cta.label}
      </a>
    </section>
  );
}

function ProductCard({ href, name, vendor, summary, priceLabel }: ProductCardProps) {
  return (
    <a href={href} className="block border-b border-line py-6 hover:bg-surface">
      <div className="flex items-baseline justify-between gap-4">
        <h3 className="font-heading text-2xl">{name}</h3>
        {priceLabel && <span className="text-primary">{priceLabel}</span>}
      </div>
      <p className="mt-1 text-sm italic text-muted">{vendor}</p>
      <p className="mt-2 text-muted">{summary}</p>
    </a>
  );
}

function ProductGrid({ children }: ProductGridProps) {
  return <div className="flex flex-col" data-testid="product-grid">{children}</div>;
}

function Footer({ storeName, links, notes }: FooterProps) {
  return (
    <footer className="border-t border-line px-10 py-8 text-sm text-muted">
      <p className="font-heading italic text-ink">{storeName}</p>
      <p className="mt-2 flex flex-wrap gap-4">
        {links.map((link) => <a key={link.href} href={link.href} className="underline-offset-4 hover:underline">{link.label}</a>)}
      </p>
      {notes.map((note, i) => <p key={i} className="mt-2">{note}</p>)}
    </footer>
  );
}

/** Studio reads like a journal: content pages in a narrow serif column with a rule above. */
function ContentPage({ html, lang }: ContentPageTemplateProps) {
  return <article className="cf-prose mx-auto w-full max-w-2xl border-t-4 border-primary pt-10 font-heading text-lg" lang={lang} dangerouslySetInnerHTML={{ __html: html }} />;
}

/** Studio's plans: one after another down the page, like the product list. */
function ProductPage({ back, eyebrow, title, badges, description, plansHeading, periodToggle, plans }: ProductPageTemplateProps) {
  return (
    <article className="cf-plans w-full">
      <a href={back.href} className="text-sm italic text-primary">← {back.label}</a>
      <p className="mt-8 text-sm italic text-muted">{eyebrow}</p>
      <h1 className="mt-2 font-heading text-5xl/tight">{title}</h1>
      {badges}
      <p className="mt-6 max-w-xl text-lg/relaxed text-muted">{description}</p>
      <h2 className="mt-12 font-heading text-3xl">{plansHeading}</h2>
      {periodToggle && <div className="mt-4">{periodToggle}</div>}
      <div className="mt-6 flex flex-col gap-4">{plans}</div>
    </article>
  );
}

export const studio: Theme = defineTheme({
  name: 'studio',
  label: 'Studio',
  description: 'Sidebar navigation, serif headings, airy layout.',
  tokens: {
    colorPrimary: '#0f766e',
    colorPrimaryText: '#ffffff',
    colorAccent: '#c2410c',
    colorBackground: '#fdfbf7',
    colorSurface: '#f5f1e8',
    colorText: '#1c1917',
    colorMuted: '#57534e',
    colorBorder: '#e7e0d3',
    fontBody: 'humanist',
    fontHeading: 'serif',
    radius: '18px',
    spacing: '0.28rem',
  },
  Shell,
  Header,
  Footer,
  Hero,
  ProductCard,
  ProductGrid,
  ProductPage,
  ContentPage,
});
