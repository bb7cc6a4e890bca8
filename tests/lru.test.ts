import { describe, expect, it } from 'vitest';
import { TtlLru } from '@/lib/tenancy/lru';

describe('TtlLru', () => {
  it('never holds more than its bound, evicting the least recently used', () => {
    const cache = new TtlLru<string, number>(2, 1000);
    cache.set('a', 1);
    cache.set('b', 2);
    cache.get('a');
    cache.set('c', 3);
    expect(cache.size).toBe(2);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBe(1);
    expect(cache.get('c')).toBe(3);
  });

  it('forgets entries once their time to live has passed', () => {
    let now = 0;
    const cache = new TtlLru<string, number>(10, 100, () => now);
    cache.set('a', 1);
    cache.set('b', 2, 500);
    now = 150;
    expect(cache.get('a')).toBeUndefined();
    expect(cache.get('b')).toBe(2);
  });

  it('deletes exactly the entries a predicate selects', () => {
    const cache = new TtlLru<string, { tenant: string }>(10, 1000);
    cache.set('acme.localhost', { tenant: 'acme' });
    cache.set('shop.acme.test', { tenant: 'acme' });
    cache.set('globex.localhost', { tenant: 'globex' });
    expect(cache.deleteWhere((v) => v.tenant === 'acme')).toBe(2);
    expect(cache.get('globex.localhost')).toEqual({ tenant: 'globex' });
  });
});
