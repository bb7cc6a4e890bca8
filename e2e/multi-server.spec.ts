import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { expect, test } from '@playwright/test';
import postgres from 'postgres';

// Two app servers behind one PostgreSQL, as in a scaled deployment: a change made through one
// must reach the other's caches through the database. PGlite is single-process, so this needs a
// server; .ci/run sets E2E_DATABASE_URL to the one on 127.0.0.1:5432.
const serverUrl = process.env.E2E_DATABASE_URL;
const PORTS = [3301, 3302] as const;
const KEY = 'cf_demo_acme_local_only';

function call(port: number, host: string, path: string, init: { method?: string; body?: string; headers?: Record<string, string> } = {}) {
  return new Promise<{ status: number; body: string; headers: Record<string, string | string[] | undefined> }>((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, method: init.method ?? 'GET', headers: { host: `${host}:${port}`, ...init.headers } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    req.on('error', reject);
    req.end(init.body);
  });
}

/** The first plan's price in a currency, as rendered (the page holds every offered currency). */
const price = (html: string, currency: string) => new RegExp(`data-price="${currency}">([^<]+)<`).exec(html)?.[1]?.replace(/\u00a0/g, ' ');
const usdPrice = (html: string) => price(html, 'USD');

test.describe('two app servers on one PostgreSQL', () => {
  test.skip(!serverUrl, 'needs E2E_DATABASE_URL pointing at a PostgreSQL server (.ci/run sets it)');
  test.describe.configure({ mode: 'serial', timeout: 120_000 });

  const name = `cf_e2e_${randomBytes(4).toString('hex')}`;
  const servers: ChildProcess[] = [];
  let admin: postgres.Sql;

  test.beforeAll(async () => {
    admin = postgres(serverUrl!, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    const url = new URL(serverUrl!);
    url.pathname = `/${name}`;
    const env = { ...process.env, DATABASE_URL: url.toString(), NEXT_TELEMETRY_DISABLED: '1', AUTH_SECRET: 'e2e-only-secret-e2e-only-secret-0123456789' };
    for (const script of ['scripts/db-migrate.ts', 'scripts/db-seed.ts']) {
      const result = spawnSync(process.execPath, ['node_modules/tsx/dist/cli.mjs', script], { env, encoding: 'utf8' });
      if (result.status !== 0) throw new Error(`${script} failed: ${result.stderr}`);
    }
    for (const port of PORTS) {
      servers.push(spawn(process.execPath, ['node_modules/next/dist/bin/next', 'start', '-p', String(port)], { env, stdio: 'ignore' }));
    }
    for (const port of PORTS) {
      await expect.poll(() => call(port, 'localhost', '/api/health').then((r) => r.status, () => 0), { timeout: 30_000 }).toBe(200);
    }
  });

  test.afterAll(async () => {
    for (const server of servers) server.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 500));
    await admin?.unsafe(`drop database if exists ${name} with (force)`);
    await admin?.end();
  });

  test('a markup changed through one server is the price on the other at once', async () => {
    const [a, b] = PORTS;
    const page = '/products/eset-protect-entry';
    expect(usdPrice((await call(b, 'acme.localhost', page)).body)).toBe('$3.99');
    expect(price((await call(b, 'globex.localhost', page)).body, 'EUR')).toBe('4,00 €');
    const cached = await call(b, 'acme.localhost', page);
    expect(cached.headers['x-nextjs-cache']).toBe('HIT');

    const put = await call(a, 'acme.localhost', '/api/v1/markup-rules', {
      method: 'PUT',
      headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ scope: 'product', product: 'eset-protect-entry', kind: 'percent', basisPoints: 10000 }),
    });
    expect(put.status).toBe(200);

    await expect.poll(async () => usdPrice((await call(b, 'acme.localhost', page)).body), { timeout: 5_000 }).toBe('$5.99');
    // The other reseller's page on that server is untouched.
    expect(price((await call(b, 'globex.localhost', page)).body, 'EUR')).toBe('4,00 €');
  });
});
