import { z } from 'zod';

const slug = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/).max(80);

/** The product list's query string. Anything malformed is dropped: a browsing page always renders. */
export const listQuerySchema = z.object({
  q: z.string().trim().max(100).optional().catch(undefined),
  category: slug.optional().catch(undefined),
  vendor: slug.optional().catch(undefined),
  period: z.enum(['month', 'year']).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).catch(1).default(1),
});

export type ListQuery = z.output<typeof listQuerySchema>;
export type BrowseQuery = Omit<ListQuery, 'q'>;

/** The internal route segment a browsing URL is served from (see `browsePath`). */
export const BROWSE_SEGMENT = 'browse.v1';

export function parseListQuery(params: URLSearchParams | Record<string, string | string[] | undefined>): ListQuery {
  const entries = params instanceof URLSearchParams ? [...params.keys()].map((k) => [k, params.get(k) ?? undefined]) : Object.entries(params).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]);
  const query = listQuerySchema.parse(Object.fromEntries(entries));
  return { ...query, q: query.q || undefined };
}

/**
 * One canonical path segment per filter set (`c.security_n.2`, or `all`): browsing pages are then
 * ordinary cached pages, rendered once per tenant, locale and filter set, while their public URLs
 * keep the query string. Free-text searches are not encoded: they render per request.
 */
export function encodeBrowse(query: BrowseQuery): string {
  const parts = [
    query.category && `c.${query.category}`,
    query.vendor && `v.${query.vendor}`,
    query.period && `p.${query.period}`,
    query.page > 1 && `n.${query.page}`,
  ].filter(Boolean);
  return parts.length ? parts.join('_') : 'all';
}

/** The filters of a segment, or null for anything `encodeBrowse` would not have produced. */
export function decodeBrowse(segment: string): BrowseQuery | null {
  const fields: Record<string, string> = {};
  if (segment !== 'all') {
    for (const part of segment.split('_')) {
      const [key, value] = [part.slice(0, 1), part.slice(2)];
      const name = { c: 'category', v: 'vendor', p: 'period', n: 'page' }[key];
      if (!name || part[1] !== '.' || !value || name in fields) return null;
      fields[name] = value;
    }
  }
  const parsed = listQuerySchema.safeParse(fields);
  if (!parsed.success) return null;
  const { q, ...query } = parsed.data;
  if (q) return null;
  return encodeBrowse(query) === segment ? query : null;
}

/** The public address of a browsing page (`/products?category=security&page=2`), default locale. */
export function listPath(query: BrowseQuery): string {
  const params = new URLSearchParams();
  if (query.category) params.set('category', query.category);
  if (query.vendor) params.set('vendor', query.vendor);
  if (query.period) params.set('period', query.period);
  if (query.page > 1) params.set('page', String(query.page));
  const qs = params.toString();
  return qs ? `/products?${qs}` : '/products';
}

/**
 * The words of a search, lower case: only letters and digits, so nothing a visitor types (tsquery
 * operators, quotes, backslashes) reaches the query as syntax. At most eight, each at most 40.
 */
export function searchWords(q: string): string[] {
  return (q.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).filter((w) => w.length <= 40).slice(0, 8);
}

/** The internal route segment a popular search is served from (see `encodeSearch`). */
export const SEARCH_SEGMENT = 'search.v1';

/**
 * One path segment per search and filter set (`q.micorsoft.365_c.productivity`): a search many
 * visitors send becomes an ordinary cached page (lib/middleware/storefront.ts decides when). Only
 * the words of the search are kept, so "Microsoft  365!" and "microsoft 365" are one page.
 */
export function encodeSearch(words: string[], query: BrowseQuery): string {
  const filters = encodeBrowse(query);
  return [`q.${words.map(encodeURIComponent).join('.')}`, ...(filters === 'all' ? [] : [filters])].join('_');
}

/** The words and filters of a segment, or null for anything `encodeSearch` would not have produced. */
export function decodeSearch(segment: string): { words: string[]; query: BrowseQuery } | null {
  const [head, ...rest] = segment.split('_');
  if (!head?.startsWith('q.')) return null;
  let words: string[];
  try {
    words = head.slice(2).split('.').map(decodeURIComponent);
  } catch {
    return null;
  }
  const query = decodeBrowse(rest.length ? rest.join('_') : 'all');
  if (!query || !words.length || words.some((w) => !w) || words.join(' ') !== searchWords(words.join(' ')).join(' ')) return null;
  return encodeSearch(words, query) === segment ? { words, query } : null;
}
