import type { ReactNode } from 'react';
import type { ThemeTokens } from './tokens';

export interface NavLink {
  href: string;
  label: string;
  current?: boolean;
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
}

export interface FooterProps {
  storeName: string;
  links: NavLink[];
  /** Lines of small print, already translated and formatted for the locale. */
  notes: string[];
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

/** A storefront theme: design tokens plus the templates pages compose. Server components only. */
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
}
