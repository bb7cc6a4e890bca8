import type { Tenant } from '../tenancy/types';
import { alternates } from './links';

/** The sitemap protocol's limit of addresses per file; past it, /sitemap.xml is an index. */
export const SITEMAP_LIMIT = 50_000;

const xml = (text: string) => text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);

type Site = Pick<Tenant, 'locales' | 'defaultLocale'>;

/** Public paths (default locale) the storefront wants found: home, the list, products, pages. */
export function sitemapPaths(productSlugs: string[], contentSlugs: string[]): string[] {
  return ['/', '/products', ...productSlugs.map((s) => `/products/${encodeURIComponent(s)}`), ...contentSlugs.map((s) => `/pages/${encodeURIComponent(s)}`)];
}

/** How many sitemap files the paths need: every language of a path is an address of its own. */
export function sitemapParts(site: Site, pathCount: number): number {
  return Math.max(1, Math.ceil((pathCount * site.locales.length) / SITEMAP_LIMIT));
}

/**
 * One `urlset` (part 1 of 1, or part n of an index): each address with its language alternates
 * (`xhtml:link hreflang`), so search engines pair a page's translations.
 */
export function sitemapXml(origin: string, site: Site, paths: string[], part = 1): string {
  const perPath = site.locales.length;
  const entries: string[] = [];
  const from = (part - 1) * SITEMAP_LIMIT;
  const to = Math.min(part * SITEMAP_LIMIT, paths.length * perPath);
  let links: Record<string, string> = {};
  let alt = '';
  for (let i = from; i < to; i++) {
    const locale = site.locales[i % perPath]!;
    // Every language of a path shares the path's alternates: built once per path.
    if (i === from || i % perPath === 0) {
      links = alternates(origin, site, paths[Math.floor(i / perPath)]!);
      alt = perPath > 1 ? Object.entries(links).map(([lang, href]) => `<xhtml:link rel="alternate" hreflang="${xml(lang)}" href="${xml(href)}"/>`).join('') : '';
    }
    entries.push(`<url><loc>${xml(links[locale]!)}</loc>${alt}</url>`);
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">\n${entries.join('\n')}\n</urlset>\n`;
}

export function sitemapIndexXml(origin: string, parts: number): string {
  const entries = Array.from({ length: parts }, (_, i) => `<sitemap><loc>${xml(`${origin}/sitemaps/${i + 1}.xml`)}</loc></sitemap>`);
  return `<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${entries.join('\n')}\n</sitemapindex>\n`;
}

/** Personal and transactional pages, and search results, are not for search engines. */
const PRIVATE_PATHS = ['/account', '/admin', '/cart', '/checkout', '/signin', '/products?q='];

export function robotsTxt(origin: string, site: Site): string {
  const prefixes = ['', ...site.locales.filter((l) => l !== site.defaultLocale).map((l) => `/${l}`)];
  const disallow = prefixes.flatMap((prefix) => PRIVATE_PATHS.map((p) => `Disallow: ${prefix}${p}`));
  return ['User-agent: *', 'Allow: /', ...disallow, 'Disallow: /api/', '', `Sitemap: ${origin}/sitemap.xml`, ''].join('\n');
}

/** For a host that shows no storefront (unknown, suspended, on the Basic plan). */
export const DISALLOW_ALL = 'User-agent: *\nDisallow: /\n';
