import type { ReactNode } from 'react';
import type { ThemeTokens } from './tokens';

export interface NavLink {
  href: string;
  label: string;
  current?: boolean;
  /** Shown only to the storefront's staff (a cookie the page's script reads: cached pages are the same for all). */
  staffOnly?: boolean;
}

/** A logo file as the header shows it: its size in CSS pixels (the file holds twice as many). */
export interface LogoProps {
  src: string;
  width: number;
  height: number;
}

export interface HeaderProps {
  storeName: string;
  logo?: LogoProps | null;
  homeHref: string;
  nav: NavLink[];
  /** Already rendered by the page: links to the same page in the tenant's other locales. */
  localeSwitcher: ReactNode;
  /** The phone's menu button, in the page's language. */
  menuLabel: string;
}

export interface FooterProps {
  storeName: string;
  links: NavLink[];
  /** Lines of small print, already translated and formatted for the locale. */
  /** Lines of small print; a line may be markup (the currency note names the currency CSS shows). */
  notes: ReactNode[];
}

export interface HeroProps {
  title: string;
  subtitle: string;
  cta: NavLink;
}

export interface ProductCardProps {
  href: string;
  name: string;
  vendor: string;
  summary: string;
  /** Rendered on the server for the locale, in every offered currency, e.g. "from €9.99 / month". */
  priceLabel?: ReactNode;
}

export interface ProductGridProps {
  children: ReactNode;
}

export interface ShellProps {
  header: ReactNode;
  footer: ReactNode;
  children: ReactNode;
}

/**
 * The storefront's page templates. Pages gather the data and render the parts that carry behaviour
 * (forms, prices in every currency, the search box) as slots; a template decides only where
 * things go. themes/blocks.tsx holds the shared default of each, which a theme may replace.
 */
export interface HomeTemplateProps {
  hero: ReactNode;
  featured: { heading: string; allLink: NavLink; products: ReactNode } | null;
}

export interface ProductListTemplateProps {
  heading: string;
  /** Category links, as a list. */
  categories: ReactNode;
  /** The search and filter form. */
  search: ReactNode;
  count: ReactNode;
  /** The product cards (already in the theme's ProductGrid), or the "nothing found" message. */
  results: ReactNode;
  pagination: ReactNode;
}

export interface PlanCardProps {
  name: string;
  /** The price in every offered currency and its period, rendered by the page. */
  price: ReactNode;
  facts: string[];
  /** The add-to-cart form, or nothing when the plan has no price. */
  action: ReactNode;
  /** For the monthly/annual switch (data-period). */
  period: string;
}

export interface ProductPageTemplateProps {
  back: NavLink;
  eyebrow: string;
  title: string;
  badges: ReactNode;
  description: string;
  plansHeading: string;
  /** The monthly/annual switch, when the product has both. */
  periodToggle: ReactNode;
  /** Each plan, already drawn with the theme's PlanCard. */
  plans: ReactNode;
}

export interface ContentPageTemplateProps {
  /** Safe HTML from lib/content/markdown.ts: raw HTML escaped, unsafe links dropped. */
  html: string;
  lang: string;
}

export interface CartTemplateProps {
  heading: string;
  feedback: ReactNode;
  /** The empty-cart message, or null when there are lines. */
  empty: ReactNode;
  summary: ReactNode;
  note: string;
  continueLink: NavLink;
  checkoutLink: NavLink;
}

/**
 * A storefront theme: design tokens plus the templates pages compose. Server components only.
 * The frame (Shell, Header, Footer, Hero, ProductCard) is each theme's own; the page templates
 * have shared defaults in themes/blocks.tsx.
 */
export interface Theme {
  name: string;
  label: string;
  description: string;
  tokens: ThemeTokens;
  Shell: (props: ShellProps) => ReactNode;
  Header: (props: HeaderProps) => ReactNode;
  Footer: (props: FooterProps) => ReactNode;
  Hero: (props: HeroProps) => ReactNode;
  ProductCard: (props: ProductCardProps) => ReactNode;
  /** How a list of product cards is laid out (grid, wide rows, a single column…). */
  ProductGrid: (props: ProductGridProps) => ReactNode;
  PlanCard: (props: PlanCardProps) => ReactNode;
  Home: (props: HomeTemplateProps) => ReactNode;
  ProductList: (props: ProductListTemplateProps) => ReactNode;
  ProductPage: (props: ProductPageTemplateProps) => ReactNode;
  ContentPage: (props: ContentPageTemplateProps) => ReactNode;
  Cart: (props: CartTemplateProps) => ReactNode;
}

type SharedTemplate = 'ProductGrid' | 'PlanCard' | 'Home' | 'ProductList' | 'ProductPage' | 'ContentPage' | 'Cart';

/** What each theme folder writes itself; a page template left out is the shared one (`defineTheme`). */
export type ThemeDefinition = Omit<Theme, SharedTemplate> & Partial<Pick<Theme, SharedTemplate>>;
