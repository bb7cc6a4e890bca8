import { describe, expect, it } from 'vitest';
import { routeLocale } from '@/lib/middleware/storefront';

const globex = { id: 'g', locales: ['de', 'fr', 'en'], defaultLocale: 'de' };

describe('storefront locale routing', () => {
  it('serves the default locale without a prefix', () => {
    expect(routeLocale('/', globex)).toEqual({ kind: 'rewrite', pathname: '/g/de' });
    expect(routeLocale('/pages/about', globex)).toEqual({ kind: 'rewrite', pathname: '/g/de/pages/about' });
  });

  it('serves another enabled locale under its prefix', () => {
    expect(routeLocale('/fr', globex)).toEqual({ kind: 'rewrite', pathname: '/g/fr' });
    expect(routeLocale('/en/pages/terms', globex)).toEqual({ kind: 'rewrite', pathname: '/g/en/pages/terms' });
  });

  it('redirects the default locale’s prefix to the unprefixed address', () => {
    expect(routeLocale('/de', globex)).toEqual({ kind: 'redirect', pathname: '/' });
    expect(routeLocale('/de/pages/about', globex)).toEqual({ kind: 'redirect', pathname: '/pages/about' });
  });

  it('treats a locale the tenant does not offer, or a look-alike, as an ordinary path', () => {
    expect(routeLocale('/it/pages/about', globex)).toEqual({ kind: 'rewrite', pathname: '/g/de/it/pages/about' });
    expect(routeLocale('/french', globex)).toEqual({ kind: 'rewrite', pathname: '/g/de/french' });
    expect(routeLocale('/acme.localhost/x', globex)).toEqual({ kind: 'rewrite', pathname: '/g/de/acme.localhost/x' });
  });
});
