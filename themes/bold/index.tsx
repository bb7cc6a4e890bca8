import { Fragment } from 'react';
import type { PlanCardProps, ProductPageTemplateProps, FooterProps, HeaderProps, HeroProps, ProductCardProps, ProductGridProps, ShellProps, Theme } from '../types';
import { defineTheme, MENU_NAV, MenuToggle, NavLinks, StoreMark } from '../blocks';

/** Bold: a dark band header, a full-bleed split hero with oversized type, square corners. */
function Shell({ header, footer, children }: ShellProps) {
  return (
    <div className="flex min-h-screen flex-col bg-bg text-ink" data-theme-layout="band">
      {header}
      <main className="w-full flex-1">{children}</main>
      {footer}
    </div>
  );
}

function Header({ storeName, logo, homeHref, nav, localeSwitcher, menuLabel }: HeaderProps) {
  return (
    <header className="bg-ink text-bg">
      <div className="flex flex-wrap items-center justify-between gap-x-10 gap-y-3 px-5 py-5 sm:px-8">
        <a href={homeHref} className="font-heading text-lg font-black uppercase tracking-wider sm:text-2xl sm:tracking-widest" data-testid="store-name">
          <StoreMark storeName={storeName} logo={logo} />
        </a>
        <MenuToggle label={menuLabel} className="border-2 border-bg px-3 py-1 text-sm font-bold uppercase tracking-wider" />
        <nav id="cf-nav" className={`${MENU_NAV} flex-1 flex-col items-start gap-x-8 gap-y-3 text-sm font-bold uppercase tracking-wider md:flex-row md:flex-wrap md:items-center`}>
          <NavLinks links={nav} className="border-b-4 border-transparent pb-1 hover:border-accent aria-[current=page]:border-accent" />
        </nav>
        <div className="hidden text-sm [#cf-nav:target~&]:block md:block">{localeSwitcher}</div>
      </div>
    </header>
  );
}

function Hero({ title, subtitle, cta }: HeroProps) {
  return (
    <section className="grid min-h-[60vh] grid-cols-1 md:grid-cols-5" data-testid="hero">
      <div className="flex flex-col justify-center bg-primary px-10 py-16 text-primary-text md:col-span-3">
        <h1 className="font-heading text-6xl/none font-black uppercase">{title}</h1>
        <p className="mt-6 max-w-xl text-xl">{subtitle}</p>
        <a href={cta.href} className="mt-10 inline-block self-start bg-accent px-8 py-4 text-lg font-black uppercase text-ink">
          {cta.label} →
        </a>
      </div>
      <div className="hidden bg-[repeating-linear-gradient(45deg,var(--cf-color-accent)_0_24px,var(--cf-color-text)_24px_48px)] md:col-span-2 md:block" aria-hidden />
    </section>
  );
}

function ProductCard({ href, name, vendor, summary, priceLabel }: ProductCardProps) {
  return (
    <a href={href} className="flex flex-wrap items-center gap-x-6 gap-y-2 border-l-8 border-primary bg-surface px-6 py-5 hover:border-accent">
      <div className="min-w-56 flex-1">
        <h3 className="font-heading text-xl font-black uppercase">{name}</h3>
        <p className="text-sm text-muted">{vendor} · {summary}</p>
      </div>
      {priceLabel && <p className="font-black text-primary">{priceLabel}</p>}
    </a>
  );
}

function ProductGrid({ children }: ProductGridProps) {
  return <div className="grid gap-3 lg:grid-cols-2" data-testid="product-grid">{children}</div>;
}

function Footer({ storeName, links, notes }: FooterProps) {
  return (
    <footer className="bg-ink px-8 py-6 text-sm text-bg">
      <div className="flex flex-wrap items-center gap-8">
        <span className="font-black uppercase tracking-widest">{storeName}</span>
        {links.map((link) => <a key={link.href} href={link.href} className="uppercase hover:text-accent">{link.label}</a>)}
        <span className="ml-auto opacity-75">{notes.map((note, i) => <Fragment key={i}>{i > 0 && ' · '}{note}</Fragment>)}</span>
      </div>
    </footer>
  );
}

/** Bold's product page: the name on a full-width band of the primary colour, plans three abreast below. */
function ProductPage({ back, eyebrow, title, badges, description, plansHeading, periodToggle, plans }: ProductPageTemplateProps) {
  return (
    <article className="cf-plans w-full">
      <header className="bg-primary px-5 py-12 text-primary-text sm:px-10">
        <a href={back.href} className="text-sm font-bold uppercase tracking-wider">← {back.label}</a>
        <p className="mt-6 text-sm font-bold uppercase tracking-widest opacity-80">{eyebrow}</p>
        <h1 className="mt-2 font-heading text-5xl/none font-black uppercase">{title}</h1>
        {badges}
        <p className="mt-6 max-w-3xl text-xl">{description}</p>
      </header>
      <section className="px-5 py-10 sm:px-10">
        <div className="flex flex-wrap items-center justify-between gap-4">
          <h2 className="font-heading text-3xl font-black uppercase">{plansHeading}</h2>
          {periodToggle}
        </div>
        <div className="mt-6 grid gap-4 lg:grid-cols-3">{plans}</div>
      </section>
    </article>
  );
}

function PlanCard({ name, price, facts, action, period }: PlanCardProps) {
  return (
    <section data-period={period} data-testid="plan" className="border-l-8 border-primary bg-surface p-6">
      <h3 className="font-heading text-xl font-black uppercase">{name}</h3>
      <p className="mt-3 text-3xl font-black" data-testid="plan-price">{price}</p>
      <ul className="mt-4 flex flex-col gap-1 text-sm text-muted">{facts.map((fact) => <li key={fact}>{fact}</li>)}</ul>
      {action}
    </section>
  );
}

export const bold: Theme = defineTheme({
  name: 'bold',
  label: 'Bold',
  description: 'Dark band header, full-bleed split hero, square corners.',
  tokens: {
    colorPrimary: '#b91c1c',
    colorPrimaryText: '#ffffff',
    colorAccent: '#facc15',
    colorBackground: '#fafaf9',
    colorSurface: '#ffffff',
    colorText: '#111111',
    colorMuted: '#57534e',
    colorBorder: '#d6d3d1',
    fontBody: 'geometric',
    fontHeading: 'geometric',
    radius: '0',
    spacing: '0.25rem',
  },
  Shell,
  Header,
  Footer,
  Hero,
  ProductCard,
  ProductGrid,
  ProductPage,
  PlanCard,
});
