import { describe, expect, it } from 'vitest';
import { decodeBrowse, encodeBrowse, parseListQuery } from '@/lib/catalog/browse';

describe('browsing URLs as cacheable segments', () => {
  it('encodes each filter set one way and decodes it back', () => {
    const query = { category: 'security', vendor: 'eset', period: 'year' as const, page: 3 };
    expect(encodeBrowse(query)).toBe('c.security_v.eset_p.year_n.3');
    expect(decodeBrowse('c.security_v.eset_p.year_n.3')).toEqual(query);
    expect(encodeBrowse({ page: 1 })).toBe('all');
    expect(decodeBrowse('all')).toEqual({ page: 1 });
  });

  it('refuses segments that are not canonical, so one page is never cached twice', () => {
    for (const segment of ['n.1', 'v.eset_c.security', 'c.security_c.backup', 'c.Security', 'x.y', 'c.', 'n.0', 'n.abc', '', 'all_n.2']) {
      expect(decodeBrowse(segment), segment).toBeNull();
    }
  });

  it('drops malformed query parameters instead of failing', () => {
    expect(parseListQuery(new URLSearchParams('category=../etc&page=-4&period=weekly&q=%20%20'))).toEqual({ page: 1, q: undefined });
    expect(parseListQuery(new URLSearchParams('q=backup&vendor=veeam'))).toEqual({ q: 'backup', vendor: 'veeam', page: 1 });
  });
});
