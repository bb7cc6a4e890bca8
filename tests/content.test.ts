import { describe, expect, it } from 'vitest';
import { listContentPages, loadContentPage } from '@/lib/content/shipped-pages';
import { renderMarkdown } from '@/lib/content/markdown';

describe('markdown rendering', () => {
  it('shows raw HTML as text instead of running it', () => {
    const html = renderMarkdown('Hello <script>alert(1)</script> <img src=x onerror=alert(1)>');
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<img');
    expect(html).toContain('&#60;script&#62;');
  });

  it('drops javascript: links but keeps web and relative ones', () => {
    const html = renderMarkdown('[bad](javascript:alert(1)) [good](https://example.com) [local](/pages/terms)');
    expect(html).not.toContain('javascript:');
    expect(html).toContain('href="https://example.com"');
    expect(html).toContain('href="/pages/terms"');
  });

  it('fills placeholders with escaped values only', () => {
    const html = renderMarkdown('# About {{storeName}}', { storeName: '<b>Evil & Co</b>' });
    expect(html).toBe('<h1>About &#60;b&#62;Evil &#38; Co&#60;/b&#62;</h1>\n');
  });
});

describe('default content pages', () => {
  it('ships about, terms and privacy', async () => {
    expect(await listContentPages()).toEqual(['about', 'privacy', 'terms']);
  });

  it('renders a page in the locale with the store name', async () => {
    const page = await loadContentPage('about', 'de', 'Globex IT-Services');
    expect(page?.title).toBe('Über Globex IT-Services');
    expect(page?.html).toContain('Globex IT-Services unterstützt');
  });

  it('falls back to English for a locale without a translation', async () => {
    const page = await loadContentPage('terms', 'it', 'Acme');
    expect(page?.locale).toBe('en');
  });

  it('finds nothing outside the shipped pages', async () => {
    for (const slug of ['../../package', '..%2Fetc', 'missing', 'ABOUT', '']) {
      expect(await loadContentPage(slug, 'en', 'Acme'), slug).toBeNull();
    }
    expect(await loadContentPage('about', '../en', 'Acme')).not.toBeNull();
  });
});
