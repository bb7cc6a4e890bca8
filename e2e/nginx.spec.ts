import { expect, test } from '@playwright/test';
import { startNginx } from '../bench/nginx';
import { getFrom, PORT } from './helpers';

// Debian's nginx in front of the test server with the configuration the deployment guide ships
// (docs/nginx/channelfront.conf), changed only in its upstream, port and cache folder.
const NGINX = process.env.NGINX_PATH || '/usr/sbin/nginx';
const NGINX_PORT = PORT + 80;
// The e2e server runs with SHARED_CACHE_SECONDS=2 (scripts/e2e-server.mjs).
const SHARED_SECONDS = 2;

async function get(host: string, path: string, headers: Record<string, string> = {}) {
  const response = await getFrom(NGINX_PORT, host, path, headers);
  const one = (name: string) => response.headers[name] as string | undefined;
  return { status: response.status, body: response.body, cache: one('x-cache-status'), cacheControl: one('cache-control') };
}

const usdPrice = (html: string) => /data-price="USD">([^<]+)</.exec(html)?.[1];

test.describe('the shared page cache (nginx) in front of the app', () => {
  test.describe.configure({ mode: 'serial', timeout: 60_000 });
  let nginx: ReturnType<typeof startNginx> | undefined;

  test.beforeAll(async () => {
    nginx = startNginx(PORT, NGINX_PORT, NGINX);
    await expect.poll(() => get('acme.localhost', '/api/health').then((r) => r.status, () => 0), { timeout: 10_000 }).toBe(200);
  });

  test.afterAll(() => nginx?.stop());

  test('two storefronts on one path never share a cache entry', async () => {
    const hosts = { 'acme.localhost': 'Acme Cloud Solutions', 'globex.localhost': 'Globex IT-Services', localhost: 'Northwind Distribution' };
    for (let round = 0; round < 2; round++) {
      for (const [host, name] of Object.entries(hosts)) {
        const page = await get(host, '/pages/about');
        expect(page.status).toBe(200);
        expect(page.body).toContain(name);
        for (const other of Object.values(hosts).filter((n) => n !== name)) expect(page.body).not.toContain(`<title>${other}`);
        if (round === 1) expect(page.cache, host).toBe('HIT');
      }
    }
    // The page tells shared caches a short lifetime, never a year.
    expect((await get('acme.localhost', '/pages/about')).cacheControl).toBe(`public, s-maxage=${SHARED_SECONDS}, stale-while-revalidate=${SHARED_SECONDS}`);
    // The React Server Component payload of the same URL is its own entry, never served as the page.
    const rsc = await get('acme.localhost', '/pages/about', { rsc: '1' });
    expect(rsc.body.startsWith('<!DOCTYPE')).toBe(false);
    expect((await get('acme.localhost', '/pages/about')).body.startsWith('<!DOCTYPE')).toBe(true);
  });

  test('a markup change reaches the cached page within the documented bound', async ({ request }) => {
    const product = '/products/keeper-business';
    const before = usdPrice((await get('acme.localhost', product)).body);
    expect((await get('acme.localhost', product)).cache).toBe('HIT');
    const changed = await request.fetch(`http://127.0.0.1:${PORT}/api/v1/markup-rules`, {
      method: 'PUT',
      headers: { host: `acme.localhost:${PORT}`, 'content-type': 'application/json', authorization: 'Bearer cf_demo_acme_local_only' },
      data: Buffer.from(JSON.stringify({ scope: 'product', product: 'keeper-business', kind: 'percent', basisPoints: 20000 })),
    });
    expect(changed.status()).toBe(200);
    const started = Date.now();
    await expect.poll(async () => usdPrice((await get('acme.localhost', product)).body), { timeout: 4 * SHARED_SECONDS * 1000, intervals: [250] }).not.toBe(before);
    // Within s-maxage plus one refresh (the stale copy is served while nginx fetches the new one).
    expect(Date.now() - started).toBeLessThanOrEqual(2 * SHARED_SECONDS * 1000 + 1500);
  });

  test('pages of a signed-in person are never stored', async () => {
    const cookie = { cookie: 'authjs.session-token=not-a-real-session' };
    for (let i = 0; i < 3; i++) {
      const page = await get('acme.localhost', '/pages/about', cookie);
      expect(page.cache).toBe('BYPASS');
    }
    for (let i = 0; i < 3; i++) {
      const signin = await get('acme.localhost', '/signin');
      expect(signin.cacheControl).toMatch(/private/);
      expect(signin.cache).not.toBe('HIT');
    }
  });
});
