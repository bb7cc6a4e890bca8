import { NextRequest } from 'next/server';
import { afterEach, describe, expect, it } from 'vitest';
import { parseSettings, resetSettings } from '@/lib/config/settings';
import { isDomainError } from '@/lib/errors';
import { clientAddressOf } from '@/lib/http/client-address';
import { safeReturnPath, samePath } from '@/lib/http/redirect';
import { ORIGIN_HEADER, SIGNATURE_HEADER, signInternal, TENANT_HEADER } from '@/lib/http/trust';
import { malformedUrl } from '@/lib/middleware/dispatch';

describe('settings fail loudly in production', () => {
  const problems = (env: Record<string, string>) => {
    try {
      parseSettings(env);
      return [];
    } catch (error) {
      if (isDomainError(error, 'settings_invalid')) return error.details!.problems;
      throw error;
    }
  };

  it('lists every missing setting with its fix at once', () => {
    const list = problems({ NODE_ENV: 'production' });
    expect(list).toHaveLength(3);
    expect(list.join('\n')).toMatch(/DATABASE_URL is not set.*DATABASE_EMBEDDED=true/);
    expect(list.join('\n')).toMatch(/AUTH_SECRET is not set.*openssl rand/);
    expect(list.join('\n')).toMatch(/SMTP_URL is not set.*MAIL_TRANSPORT=outbox/);
  });

  it('refuses a weak AUTH_SECRET', () => {
    const base = { NODE_ENV: 'production', DATABASE_URL: 'postgres://app@db/cf', SMTP_URL: 'smtp://mail:25' };
    expect(problems({ ...base, AUTH_SECRET: 'short' })[0]).toMatch(/shorter than 32/);
    expect(problems({ ...base, AUTH_SECRET: 'a'.repeat(40) })[0]).toMatch(/too few characters/);
    expect(problems({ ...base, AUTH_SECRET: 'changeme-changeme-changeme-0123456789' })[0]).toMatch(/placeholder/);
    expect(problems({ ...base, AUTH_SECRET: 'q8Rk2vX0pLmN4sT7wY1zA3cE5gH6jK9b' })).toEqual([]);
  });

  it('runs on the embedded database and the outbox only when the operator says so', () => {
    const s = parseSettings({ NODE_ENV: 'production', DATABASE_EMBEDDED: 'true', MAIL_TRANSPORT: 'outbox', AUTH_SECRET: 'q8Rk2vX0pLmN4sT7wY1zA3cE5gH6jK9b' });
    expect(s.embeddedDatabase).toBe(true);
    expect(s.smtpUrl).toBeNull();
  });

  it('needs nothing in development', () => {
    const s = parseSettings({ NODE_ENV: 'development' });
    expect(s.embeddedDatabase).toBe(true);
    expect(s.trustedProxyHops).toBe(0);
    expect(s.sharedCacheSeconds).toBeLessThanOrEqual(300);
  });

  it('card payments need the webhook secret; a separate worker needs a database server', () => {
    expect(problems({ STRIPE_SECRET_KEY: 'sk_test_abc123' })[0]).toMatch(/STRIPE_WEBHOOK_SECRET is not set/);
    expect(problems({ STRIPE_SECRET_KEY: 'pk_test_abc123', STRIPE_WEBHOOK_SECRET: 'whsec_x' })[0]).toMatch(/does not look like a Stripe secret key/);
    expect(problems({ STRIPE_SECRET_KEY: 'sk_test_abc123', STRIPE_WEBHOOK_SECRET: 'whsec_x' })).toEqual([]);
    expect(problems({ JOBS_IN_PROCESS: 'false' })[0]).toMatch(/JOBS_IN_PROCESS=false needs DATABASE_URL/);
    expect(problems({ JOBS_IN_PROCESS: 'false', DATABASE_URL: 'postgres://app@db/cf' })).toEqual([]);
  });

  it('names a malformed value and what would be right', () => {
    expect(problems({ TRUSTED_PROXY_HOPS: 'two' })[0]).toMatch(/TRUSTED_PROXY_HOPS="two" is not valid/);
    expect(problems({ DATABASE_URL: 'mysql://x' })[0]).toMatch(/must start with postgres:\/\//);
    expect(problems({ PLATFORM_DOMAIN: 'bad domain' })[0]).toMatch(/PLATFORM_DOMAIN/);
  });

  afterEach(() => resetSettings());
});

describe('redirect targets stay on the storefront', () => {
  const attempts = [
    '//evil.example',
    '/\\evil.example',
    '/.//evil.example',
    '/./\\evil.example',
    'https://evil.example',
    'http:evil.example',
    '/%2F%2Fevil.example/..',
    '/\t/evil.example',
    '/\n/evil.example',
    '\\\\evil.example',
    'javascript:alert(1)',
    '/..//evil.example',
    '//evil.example/%2e%2e',
  ];
  for (const raw of attempts) {
    it(`${JSON.stringify(raw)} never leads off the storefront`, () => {
      const path = safeReturnPath(raw);
      expect(path.startsWith('/')).toBe(true);
      expect(path.startsWith('//')).toBe(false);
      expect(path).not.toContain('\\');
      // As a browser would resolve it in a Location header:
      expect(new URL(path, 'https://acme.example').host).toBe('acme.example');
    });
  }

  it('keeps an ordinary path and its query', () => {
    expect(safeReturnPath('/de/account?notice=saved')).toBe('/de/account?notice=saved');
    expect(samePath('http://acme.localhost:3000/account', 'http://acme.localhost:3000')).toBe('/account');
    expect(samePath('http://globex.localhost:3000/account', 'http://acme.localhost:3000', '/x')).toBe('/x');
  });
});

describe('the client address for rate limits', () => {
  it('is the socket peer when no proxy is trusted, whatever X-Forwarded-For claims', () => {
    expect(clientAddressOf('203.0.113.9', '1.2.3.4', 0)).toBe('203.0.113.9');
    expect(clientAddressOf('::ffff:203.0.113.9', undefined, 0)).toBe('203.0.113.9');
  });

  it('behind trusted proxies, is the address the outermost trusted one saw', () => {
    // client → LB (appends client) → app; the LB is the socket peer.
    expect(clientAddressOf('10.0.0.2', '198.51.100.7', 1)).toBe('198.51.100.7');
    // A forged entry in front of the chain is ignored.
    expect(clientAddressOf('10.0.0.2', '6.6.6.6, 198.51.100.7', 1)).toBe('198.51.100.7');
    expect(clientAddressOf('10.0.0.3', '6.6.6.6, 198.51.100.7, 10.0.0.2', 2)).toBe('198.51.100.7');
  });
});

describe('the origin check', () => {
  it('refuses other hosts, ports and null; the same host over the other scheme only while the scheme is not pinned', async () => {
    const { assertSameOrigin } = await import('@/lib/http/origin');
    const own = 'https://shop.acme.test';
    const check = (origin: string | null, strictScheme: boolean, site?: string) => () =>
      assertSameOrigin(new Headers({ ...(origin ? { origin } : {}), ...(site ? { 'sec-fetch-site': site } : {}) }), own, { strictScheme });
    expect(check(own, true)).not.toThrow();
    expect(check('http://shop.acme.test', false)).not.toThrow();
    expect(check('http://shop.acme.test', true)).toThrow(/another site/);
    for (const other of ['https://shop.acme.test:8443', 'https://globex.shop.acme.test', 'https://acme.test', 'null', 'https://evil.example']) {
      expect(check(other, false), other).toThrow(/another site/);
    }
    expect(check(null, true, 'same-site')).toThrow(/another site/);
    expect(check(null, true, 'cross-site')).toThrow(/another site/);
    expect(check(null, true, 'same-origin')).not.toThrow();
    expect(check(null, true)).not.toThrow();
  });
});

describe('the server stamps the client address itself', () => {
  it('from the socket, overwriting whatever the client sent under that name or as X-Forwarded-For', async () => {
    const { createServer, request } = await import('node:http');
    const { installClientAddress, CLIENT_ADDRESS_HEADER } = await import('@/lib/http/client-address');
    await installClientAddress(0);
    const seen: string[] = [];
    const server = createServer((req, res) => {
      seen.push(String(req.headers[CLIENT_ADDRESS_HEADER]));
      res.end('ok');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    for (let i = 0; i < 3; i++) {
      await new Promise<void>((resolve, reject) =>
        request({ host: '127.0.0.1', port, headers: { 'x-forwarded-for': `198.51.100.${i}`, [CLIENT_ADDRESS_HEADER]: '6.6.6.6' } }, (res) => {
          res.resume();
          res.on('end', resolve);
        })
          .on('error', reject)
          .end(),
      );
    }
    server.close();
    expect(seen).toEqual(['127.0.0.1', '127.0.0.1', '127.0.0.1']);
  });
});

describe('the proxy', () => {
  it('answers malformed escapes and control characters with a reason', () => {
    for (const path of ['/%', '/%zz', '/products/%E0%A4%A', '/products/%00', '/a%0Db']) expect(malformedUrl(path, ''), path).not.toBeNull();
    expect(malformedUrl('/products', '?q=%00')).not.toBeNull();
    expect(malformedUrl('/products/microsoft-365-business-basic', '?page=2')).toBeNull();
  });

  it('strips tenant and origin headers a client sends, and adds the security headers', async () => {
    const { dispatch } = await import('@/lib/middleware/dispatch');
    const request = new NextRequest('http://localhost:3000/api/health', {
      headers: { host: 'localhost:3000', [TENANT_HEADER]: '00000000-0000-0000-0000-000000000000', [ORIGIN_HEADER]: 'http://evil', [SIGNATURE_HEADER]: 'forged' },
    });
    const response = await dispatch(request);
    // Next forwards the request headers the proxy kept as x-middleware-request-<name>.
    expect(response.headers.get('x-middleware-override-headers')).toContain('host');
    for (const name of [TENANT_HEADER, ORIGIN_HEADER, SIGNATURE_HEADER]) {
      expect(response.headers.get('x-middleware-override-headers')).not.toContain(name);
      expect(response.headers.get(`x-middleware-request-${name}`)).toBeNull();
    }
    expect(response.headers.get('content-security-policy')).toMatch(/frame-ancestors 'none'/);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('a personal page’s frame is cut once, at its slot', async () => {
    const { splitFrame, FRAME_SLOT } = await import('@/lib/frames/personal-frame');
    const frame = splitFrame(`<header>Acme</header><main>${FRAME_SLOT}</main><footer>©</footer>`, 'v1');
    expect(frame).toMatchObject({ version: 'v1', before: '<header>Acme</header><main>', after: '</main><footer>©</footer>' });
    // What the frame's markup uses is read with it, for the page's CSS.
    expect([...frame.use.elements]).toEqual(expect.arrayContaining(['header', 'main', 'footer']));
    expect(() => splitFrame('<main>no slot</main>', 'v1')).toThrow(/exactly once/);
    expect(() => splitFrame(`${FRAME_SLOT}${FRAME_SLOT}`, 'v1')).toThrow(/exactly once/);
  });

  it('an unsigned POST to the internal revalidate route is not found', async () => {
    const { POST } = await import('@/app/api/internal/revalidate/route');
    const body = JSON.stringify({ tags: ['t:00000000-0000-0000-0000-000000000000'] });
    expect((await POST(new Request('http://localhost/api/internal/revalidate', { method: 'POST', body }))).status).toBe(404);
    const forged = new Request('http://localhost/api/internal/revalidate', { method: 'POST', body, headers: { 'x-channelfront-internal': 'forged' } });
    expect((await POST(forged)).status).toBe(404);
    const signed = new Request('http://localhost/api/internal/revalidate', { method: 'POST', body, headers: { 'x-channelfront-internal': signInternal(body) } });
    expect((await POST(signed)).status).toBe(200);
  });
});
