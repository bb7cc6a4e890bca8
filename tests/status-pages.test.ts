import { describe, expect, it } from 'vitest';
import { statusPage } from '@/lib/middleware/status-pages';

describe('status pages for hosts without a storefront', () => {
  it('answers 404 for an unknown host and 503 with Retry-After for a suspended one', async () => {
    expect(statusPage('unknown-host', null).status).toBe(404);
    const suspended = statusPage('suspended', 'de-DE,de;q=0.9');
    expect(suspended.status).toBe(503);
    expect(suspended.headers.get('retry-after')).toBe('3600');
    expect(await suspended.text()).toContain('vorübergehend nicht verfügbar');
  });

  it('links a Basic reseller’s host to the distributor’s storefront', async () => {
    const response = statusPage('no-storefront', 'fr', 'http://localhost:3000');
    expect(response.status).toBe(404);
    const html = await response.text();
    expect(html).toContain('href="http://localhost:3000"');
    expect(html).toContain('<html lang="fr">');
  });

  it('is never cached by a browser or CDN', () => {
    expect(statusPage('unknown-host', null).headers.get('cache-control')).toBe('no-store');
  });
});
