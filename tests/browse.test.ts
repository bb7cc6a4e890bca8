import { describe, expect, it } from 'vitest';
import { decodeBrowse, decodeSearch, encodeBrowse, encodeSearch, parseListQuery } from '@/lib/catalog/browse';

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

describe('popular searches as cached pages', () => {
  it('round-trips the words and filters of a search through one path segment', () => {
    const segment = encodeSearch(['micorsoft', '365', 'größe'], { category: 'productivity', page: 2 });
    expect(segment).toBe('q.micorsoft.365.gr%C3%B6%C3%9Fe_c.productivity_n.2');
    expect(decodeSearch(segment)).toEqual({ words: ['micorsoft', '365', 'größe'], query: { category: 'productivity', page: 2 } });
    expect(decodeSearch(encodeSearch(['zoom'], { page: 1 }))).toEqual({ words: ['zoom'], query: { page: 1 } });
  });

  it('refuses a segment the proxy would not have made', () => {
    for (const bad of ['q.', 'q.Zoom', 'q.zo%2Aom', 'q.zoom_n.1', 'q.zoom_c.x_c.y', 'zoom', 'q.%E0%A4%A', 'q.a..b', `q.${'a'.repeat(41)}`]) {
      expect(decodeSearch(bad), bad).toBeNull();
    }
  });
});
