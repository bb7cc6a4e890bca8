import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { firstHeading, renderMarkdown } from './markdown';

const ROOT = path.join(process.cwd(), 'content', 'pages');
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export interface ContentPage {
  slug: string;
  locale: string;
  title: string;
  html: string;
  /** The first paragraph as plain text, for the page's meta description. */
  summary: string;
}

/** Slugs of the default pages shipped with the framework. */
export async function listContentPages(): Promise<string[]> {
  const files = await readdir(path.join(ROOT, 'en'));
  return files.filter((f) => f.endsWith('.md')).map((f) => f.slice(0, -3)).sort();
}

/**
 * A default content page in the locale (falling back to English), with the store's name filled in.
 * The slug is checked against the shipped files, so no request can read outside content/pages.
 */
export async function loadContentPage(slug: string, locale: string, storeName: string): Promise<ContentPage | null> {
  if (!SLUG.test(slug) || !(await listContentPages()).includes(slug)) return null;
  for (const candidate of [locale, 'en']) {
    if (!SLUG.test(candidate)) continue;
    const source = await readFile(path.join(ROOT, candidate, `${slug}.md`), 'utf8').catch(() => null);
    if (source === null) continue;
    const values = { storeName };
    const title = (firstHeading(source) ?? slug).replace(/\{\{\s*storeName\s*\}\}/g, storeName);
    const html = renderMarkdown(source, values);
    return { slug, locale: candidate, title, html, summary: firstParagraph(html) };
  }
  return null;
}

/** The shipped Markdown of a page in the locale (falling back to English), or null. */
export async function loadShippedSource(slug: string, locale: string): Promise<string | null> {
  if (!SLUG.test(slug) || !(await listContentPages()).includes(slug)) return null;
  for (const candidate of [locale, 'en']) {
    if (!SLUG.test(candidate)) continue;
    const source = await readFile(path.join(ROOT, candidate, `${slug}.md`), 'utf8').catch(() => null);
    if (source !== null) return source;
  }
  return null;
}

/** The first paragraph of rendered Markdown as plain text, for a page's meta description. */
export function firstParagraph(html: string): string {
  const match = /<p>([\s\S]*?)<\/p>/.exec(html);
  if (!match) return '';
  const text = match[1]!.replace(/<[^>]*>/g, '');
  // renderMarkdown escaped the text for HTML; metadata is escaped again when rendered.
  const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
  return text
    .replace(/&(?:#(\d+)|([a-z]+));/g, (entity, code: string | undefined, name: string | undefined) => (code ? String.fromCharCode(Number(code)) : (named[name!] ?? entity)))
    .replace(/\s+/g, ' ')
    .trim();
}
