import { Marked, type Tokens } from 'marked';

const SAFE_HREF = /^(?:https?:|mailto:|\/(?!\/)|#)/i;

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

// Raw HTML in Markdown is shown as text and links may only point at web, mail or local addresses,
// so a page can never carry script, styles or `javascript:` URLs, whoever edited it.
const marked = new Marked({
  gfm: true,
  async: false,
  renderer: {
    html({ text }: Tokens.HTML | Tokens.Tag) {
      return escapeHtml(text);
    },
    link({ href, title, tokens }: Tokens.Link) {
      const label = this.parser.parseInline(tokens);
      if (!SAFE_HREF.test(href.trim())) return label;
      const titleAttr = title ? ` title="${escapeHtml(title)}"` : '';
      return `<a href="${escapeHtml(href.trim())}"${titleAttr}>${label}</a>`;
    },
    image({ text }: Tokens.Image) {
      return escapeHtml(text);
    },
  },
});

/**
 * Renders Markdown to safe HTML and fills `{{name}}` placeholders with escaped values. Values are
 * substituted after rendering so a tenant name can never be read as Markdown or HTML.
 */
export function renderMarkdown(source: string, values: Record<string, string> = {}): string {
  const html = marked.parse(source) as string;
  return html.replace(/\{\{\s*(\w+)\s*\}\}/g, (match, key: string) =>
    Object.hasOwn(values, key) ? escapeHtml(values[key] ?? '') : match,
  );
}

/** The text of the first level-one heading, for the page title. */
export function firstHeading(source: string): string | null {
  const match = /^#\s+(.+)$/m.exec(source);
  return match?.[1]?.trim() ?? null;
}
