import { connect } from 'node:net';
import { request as httpRequest } from 'node:http';
import { expect, test } from '@playwright/test';
import { PORT } from './helpers';
import { linkIn, mailTo } from './support/mailbox';

/**
 * What a client can put on the wire — any method, header or cookie — gets an answer below 500,
 * against the production build; and the links the app writes follow its configured address, never
 * the port a client wrote into its Host header.
 */

type Answer = { status: number; headers: Record<string, string | string[] | undefined>; body: string };

/** One request with node:http, which sends any method and header as given. */
function send(method: string, host: string, path: string, headers: Record<string, string> = {}, body?: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port: PORT, method, path, headers: { host, ...headers } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** A request line written on a socket as is (CONNECT never reaches a request handler). */
function raw(text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(PORT, '127.0.0.1', () => socket.write(text));
    let answer = '';
    socket.setEncoding('utf8');
    socket.on('data', (c: string) => (answer += c));
    socket.on('end', () => resolve(answer));
    socket.on('error', reject);
    socket.setTimeout(10_000, () => socket.destroy(new Error(`no answer to ${text.split('\r\n')[0]}`)));
  });
}

const ACME = `acme.localhost:${PORT}`;
const PATHS = ['/', '/products', '/products/microsoft-365-business-basic', '/pages/about', '/account', '/account/orders', '/cart', '/checkout', '/admin', '/admin/settings', '/signin', '/api/cart', '/api/health', '/api/search/suggest?q=micro', '/robots.txt', '/sitemap.xml'];

test('methods Next cannot serve are a 405, on pages and route handlers alike', async () => {
  for (const path of ['/', '/account', '/api/cart', '/api/health']) {
    const answer = await send('TRACE', ACME, path);
    expect(answer.status, `TRACE ${path}`).toBe(405);
    expect(answer.body).toBe('Method not allowed.\n');
    // Methods HTTP's parser does not know are refused by Node itself, before any of ours.
    for (const method of ['TRACK', 'FOO']) expect((await send(method, ACME, path)).status, `${method} ${path}`).toBe(400);
  }
  expect(await raw(`CONNECT ${ACME} HTTP/1.1\r\nHost: ${ACME}\r\n\r\n`)).toMatch(/^HTTP\/1\.1 405 Method Not Allowed/);
  for (const method of ['OPTIONS', 'PROPFIND', 'DELETE', 'PATCH', 'PUT']) {
    for (const path of ['/', '/products', '/api/cart']) expect((await send(method, ACME, path)).status, `${method} ${path}`).toBeLessThan(500);
  }
});

test('hostile cookies and headers get an answer below 500 on every kind of page', async () => {
  const cookies = [
    'authjs.session-token=%00',
    '__Host-authjs.session-token=%00',
    `authjs.session-token=${'a'.repeat(6000)}`,
    'authjs.session-token=%ff%fe%00; cf_cart=%00; cf_currency=%00',
    'cf_cart=../../etc/passwd; cf_currency=XXXXXXXXXX',
    '%zz=%zz; ;;; =; authjs.session-token',
  ];
  const headers: Record<string, string>[] = [
    ...cookies.map((cookie) => ({ cookie })),
    { rsc: '1', 'next-router-state-tree': '%%%not-a-tree' },
    { rsc: '1', 'next-router-state-tree': '["",{"children":["x",{}]}]', 'next-router-prefetch': '1' },
    { 'next-action': 'deadbeef' },
    { 'next-url': '%zz', rsc: '1' },
    { 'x-middleware-prefetch': '1', purpose: 'prefetch' },
    { 'x-invoke-path': '/admin', 'x-matched-path': '/admin', 'x-now-route-matches': '%zz' },
    { 'accept-language': 'x'.repeat(4000) },
    { 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'gopher', 'x-forwarded-for': 'garbage, %00' },
    { range: 'bytes=garbage', 'if-none-match': '*', 'if-modified-since': 'yesterday' },
    { accept: '*/*;q=garbage', 'accept-encoding': 'garbage;q=x' },
  ];
  for (const extra of headers) {
    for (const path of PATHS) {
      const answer = await send('GET', ACME, path, extra);
      expect(answer.status, `GET ${path} with ${JSON.stringify(extra).slice(0, 120)}`).toBeLessThan(500);
    }
  }
  // A signed-in page with a NUL in the session cookie is a visitor who is not signed in.
  const account = await send('GET', ACME, '/account', { cookie: 'authjs.session-token=%00' });
  expect(account.status).toBe(307);
  expect(account.headers.location).toContain('/signin');
  // The same cookie on a form post: treated as nobody, asked to sign in.
  const post = await send('POST', ACME, '/api/account/profile', { cookie: 'authjs.session-token=%00', origin: `http://${ACME}`, 'content-type': 'application/json' }, '{"name":"Nobody"}');
  expect(post.status).toBe(401);
});

test('routes that need the server (draft preview, suggestions) refuse hostile bodies and queries below 500', async () => {
  const origin = `http://${ACME}`;
  for (const body of ['{"intent":"\\u0000"}', '{"intent":[1],"home":{"a":1}}', '{"__proto__":{"x":1}}', '\u00ff\u00fe', 'x'.repeat(2_000_000)]) {
    const answer = await send('POST', ACME, '/api/admin/design/preview', { origin, 'content-type': 'application/json' }, body);
    expect(answer.status, body.slice(0, 40)).toBeLessThan(500);
  }
  for (const q of ['%00', '%ED%A0%80', 'x'.repeat(5000), '%zz', '%5Bobject%20Object%5D', '%F0%9F%98']) {
    const answer = await send('GET', ACME, `/api/search/suggest?q=${q}&locale=${q}`);
    expect(answer.status, q.slice(0, 20)).toBeLessThan(500);
  }
});

test('a sign-in link follows the storefront’s configured address, not the port in the Host header', async () => {
  const since = Date.now() - 1000;
  const email = `port-probe-${Date.now()}@example.test`;
  const host = 'acme.localhost:6666';
  const answer = await send('POST', host, '/api/signin', { origin: `http://${host}`, 'content-type': 'application/json' }, JSON.stringify({ email }));
  expect(answer.status, answer.body).toBe(200);
  const link = new URL(linkIn(await mailTo(email, since)));
  expect(link.host).toBe(ACME);
  expect(new URL(link.searchParams.get('callbackUrl')!).host).toBe(ACME);
  // Canonical links and the sitemap of a storefront asked for on another port name its own.
  const page = await send('GET', 'globex.localhost:6666', '/pages/about');
  expect(page.body).toContain(`<link rel="canonical" href="http://globex.localhost:${PORT}/pages/about"`);
  const sitemap = await send('GET', 'globex.localhost:6666', '/sitemap.xml');
  expect(sitemap.body).toContain(`http://globex.localhost:${PORT}/`);
  expect(sitemap.body).not.toContain(':6666');
  // A redirect to the canonical host goes to the configured port too.
  const www = await send('GET', 'www.globex.localhost:6666', '/pages/about');
  expect(www.status).toBe(308);
  expect(www.headers.location).toBe(`http://globex.localhost:${PORT}/pages/about`);
});
