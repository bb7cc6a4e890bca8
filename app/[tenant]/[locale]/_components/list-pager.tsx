import { getTranslations } from 'next-intl/server';

/** A portal list's paging: previous, "page n of m", next; each link keeps the list's filters. */
export async function ListPager({ locale, page, pages, href }: { locale: string; page: number; pages: number; href: (page: number) => string }) {
  if (pages <= 1) return null;
  const t = await getTranslations({ locale, namespace: 'orders' });
  return (
    <nav className="flex items-center justify-between text-sm" aria-label={t('page', { page, pages })}>
      {page > 1 ? <a href={href(page - 1)} rel="prev" className="text-primary">← {t('previous')}</a> : <span />}
      <span className="text-muted">{t('page', { page, pages })}</span>
      {page < pages ? <a href={href(page + 1)} rel="next" className="text-primary">{t('next')} →</a> : <span />}
    </nav>
  );
}

/** The page number a list was asked for, bounded. */
export function listPage(search: Record<string, string | string[] | undefined>): number {
  return Math.min(10_000, Math.max(1, Number.parseInt(String(search.page ?? '1'), 10) || 1));
}

/** The filters as a query string, and a page of the list with them. */
export function listLinks(base: string, filter: Record<string, unknown>) {
  const query = new URLSearchParams(Object.entries(filter).filter(([, v]) => typeof v === 'string' && v) as [string, string][]);
  return { query, page: (n: number) => `${base}?${new URLSearchParams([...query, ...(n > 1 ? [['page', String(n)]] : [])])}` };
}
