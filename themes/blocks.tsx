import type {
  CartTemplateProps,
  ContentPageTemplateProps,
  HomeTemplateProps,
  LogoProps,
  NavLink,
  PlanCardProps,
  ProductGridProps,
  ProductListTemplateProps,
  ProductPageTemplateProps,
  Theme,
  ThemeDefinition,
} from './types';

// ─── The building blocks every theme shares, and the default of each page template ──────────────

/**
 * The storefront's mark in a header: its logo when it has one (the name stays for screen readers
 * and search engines), otherwise its name set in the theme's type.
 */
export function StoreMark({ storeName, logo, maxHeight = 48 }: { storeName: string; logo?: LogoProps | null; maxHeight?: number }) {
  if (!logo) return <>{storeName}</>;
  const scale = Math.min(1, maxHeight / logo.height);
  return (
    <>
      {/* eslint-disable-next-line @next/next/no-img-element -- already sized and hashed on upload (lib/design/logo.ts); no optimiser round-trip */}
      <img src={logo.src} alt="" width={Math.round(logo.width * scale)} height={Math.round(logo.height * scale)} className="block h-auto max-w-full" data-testid="store-logo" />
      <span className="sr-only">{storeName}</span>
    </>
  );
}

/** Navigation links with the current page marked; the look is the caller's. */
export function NavLinks({ links, className }: { links: NavLink[]; className: string }) {
  return links.map((link) => (
    <a key={link.href} href={link.href} aria-current={link.current ? 'page' : undefined} className={className} data-staff-only={link.staffOnly ? '' : undefined}>
      {link.label}
    </a>
  ));
}

/**
 * The phone's menu button, without script: a link to the navigation, which CSS shows while it is
 * the page's target (`#cf-nav`). Below `md` the navigation is folded until then; from `md` up it
 * is always shown and the button is not. (A checkbox would do the same, but brings the form
 * controls' base styles into every page's inlined CSS.)
 */
export function MenuToggle({ label, className }: { label: string; className: string }) {
  return (
    <a href="#cf-nav" className={`md:hidden ${className}`} data-testid="menu-button">
      <span aria-hidden="true">☰</span> {label}
    </a>
  );
}

/** The classes that fold a navigation behind MenuToggle on phones (its id must be `cf-nav`). */
export const MENU_NAV = 'hidden w-full target:flex md:flex md:w-auto';

export function ProductGrid({ children }: ProductGridProps) {
  return <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3" data-testid="product-grid">{children}</div>;
}

export function PlanCard({ name, price, facts, action, period }: PlanCardProps) {
  return (
    <section data-period={period} data-testid="plan" className="rounded-theme border border-line bg-surface p-6">
      <h3 className="font-heading text-xl font-semibold">{name}</h3>
      <p className="mt-3 text-3xl font-bold text-primary" data-testid="plan-price">{price}</p>
      <ul className="mt-4 flex flex-col gap-1 text-sm text-muted">{facts.map((fact) => <li key={fact}>{fact}</li>)}</ul>
      {action}
    </section>
  );
}

export function Home({ hero, featured }: HomeTemplateProps) {
  return (
    <>
      {hero}
      {featured && (
        <section className="mx-auto w-full max-w-6xl px-4 py-10" data-testid="featured">
          <div className="mb-6 flex items-baseline justify-between gap-4">
            <h2 className="font-heading text-2xl font-semibold">{featured.heading}</h2>
            <a href={featured.allLink.href} className="text-primary underline-offset-4 hover:underline">{featured.allLink.label}</a>
          </div>
          {featured.products}
        </section>
      )}
    </>
  );
}

export function ProductList({ heading, categories, search, count, results, pagination }: ProductListTemplateProps) {
  return (
    <div className="mx-auto grid w-full max-w-6xl gap-8 px-4 py-6 md:grid-cols-[13rem_1fr]">
      <nav aria-label={heading} className="text-sm">{categories}</nav>
      <div>
        <h1 className="font-heading text-3xl font-bold">{heading}</h1>
        <div className="mt-4">{search}</div>
        <div className="mt-6">{count}</div>
        <div className="mt-4">{results}</div>
        {pagination}
      </div>
    </div>
  );
}

export function ProductPage({ back, eyebrow, title, badges, description, plansHeading, periodToggle, plans }: ProductPageTemplateProps) {
  return (
    <article className="cf-plans mx-auto w-full max-w-6xl px-4 py-6">
      <a href={back.href} className="text-sm text-primary">← {back.label}</a>
      <p className="mt-6 text-sm uppercase tracking-wide text-muted">{eyebrow}</p>
      <h1 className="mt-1 font-heading text-4xl font-bold">{title}</h1>
      {badges}
      <p className="mt-4 max-w-2xl text-lg text-muted">{description}</p>
      <h2 className="mt-10 font-heading text-2xl font-semibold">{plansHeading}</h2>
      {periodToggle && <div className="mt-4">{periodToggle}</div>}
      <div className="mt-6 grid gap-4 md:grid-cols-2">{plans}</div>
    </article>
  );
}

export function ContentPage({ html, lang }: ContentPageTemplateProps) {
  return <article className="cf-prose mx-auto w-full max-w-3xl px-4 py-6" lang={lang} dangerouslySetInnerHTML={{ __html: html }} />;
}

export function Cart({ heading, feedback, empty, summary, note, continueLink, checkoutLink }: CartTemplateProps) {
  return (
    <div className="mx-auto flex w-full max-w-4xl flex-col gap-6 px-4 py-10">
      <h1 className="font-heading text-3xl font-bold">{heading}</h1>
      {feedback}
      {empty ?? (
        <>
          {summary}
          <p className="text-sm text-muted">{note}</p>
          <div className="flex flex-wrap items-center justify-between gap-4">
            <a className="text-primary underline" href={continueLink.href}>{continueLink.label}</a>
            <a className="rounded-theme bg-primary px-4 py-2 text-sm font-medium text-primary-text" href={checkoutLink.href} data-testid="to-checkout">{checkoutLink.label}</a>
          </div>
        </>
      )}
    </div>
  );
}

/** A theme from its folder's definition: every template it does not write itself is the shared one. */
export function defineTheme(definition: ThemeDefinition): Theme {
  return { ProductGrid, PlanCard, Home, ProductList, ProductPage, ContentPage, Cart, ...definition };
}
