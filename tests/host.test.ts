import { describe, expect, it } from 'vitest';
import { normaliseHost } from '@/lib/input/host';
import { classifyHost } from '@/lib/tenancy/host';

describe('normaliseHost', () => {
  it('lowercases and strips the port and a trailing dot', () => {
    expect(normaliseHost('ACME.Localhost:3000')).toBe('acme.localhost');
    expect(normaliseHost('shop.acme.test.')).toBe('shop.acme.test');
    expect(normaliseHost('shop.acme.test.:443')).toBe('shop.acme.test');
  });

  it('refuses anything that is not a hostname', () => {
    for (const bad of ['', '   ', '[::1]:3000', 'acme..localhost', 'acme.localhost/globex', 'a b.test', '-acme.test', 'acme_.test', null]) {
      expect(normaliseHost(bad), String(bad)).toBeNull();
    }
  });
});

describe('classifyHost', () => {
  it('serves the distributor on the root and its www alias', () => {
    expect(classifyHost('localhost', 'localhost')).toEqual({ kind: 'root' });
    expect(classifyHost('www.shops.example.com', 'shops.example.com')).toEqual({ kind: 'root' });
  });

  it('reads one label below the platform domain as a reseller slug', () => {
    expect(classifyHost('acme.localhost', 'localhost')).toEqual({ kind: 'subdomain', slug: 'acme' });
    expect(classifyHost('www.acme.localhost', 'localhost')).toEqual({ kind: 'subdomain', slug: 'acme' });
  });

  it('treats deeper names and foreign domains as custom domains', () => {
    expect(classifyHost('a.b.localhost', 'localhost')).toEqual({ kind: 'custom', hostname: 'a.b.localhost' });
    expect(classifyHost('shop.acme.test', 'localhost')).toEqual({ kind: 'custom', hostname: 'shop.acme.test' });
    expect(classifyHost('evillocalhost', 'localhost')).toEqual({ kind: 'custom', hostname: 'evillocalhost' });
  });
});
