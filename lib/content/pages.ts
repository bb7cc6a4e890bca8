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
    return { slug, locale: candidate, title, html: renderMarkdown(source, values) };
  }
  return null;
}
