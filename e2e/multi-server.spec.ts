import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readdirSync, statSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { expect, test } from '@playwright/test';
import postgres from 'postgres';

// Two app servers behind one PostgreSQL, as in a scaled deployment: a change made through one
// must reach the other's caches through the database. PGlite is single-process, so this needs a
// server; .ci/run sets E2E_DATABASE_URL to the one on 127.0.0.1:5432.
const serverUrl = process.env.E2E_DATABASE_URL;
const PORTS = [3301, 3302] as const;
const KEY = 'cf_demo_acme_local_only';
const TTL_SECONDS = 5;

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
  let ownerUrl = '';
  let serversStarted = 0;

  test.beforeAll(async () => {
    admin = postgres(serverUrl!, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    const url = new URL(serverUrl!);
    url.pathname = `/${name}`;
    // Migrations and the seed run as the owner; the servers log in as the app role that
    // row-level security binds (production refuses anything else).
    const appUrl = new URL(url);
    appUrl.username = 'channelfront_app';
    appUrl.password = '';
    const env = {
      ...process.env,
      DATABASE_URL: appUrl.toString(),
      DATABASE_OWNER_URL: url.toString(),
      MAIL_TRANSPORT: 'outbox',
      NEXT_TELEMETRY_DISABLED: '1',
      AUTH_SECRET: randomBytes(32).toString('base64url'),
      // A short safety-net lifetime, so that the lost-NOTIFY test can watch it heal.
      CACHE_TTL_SECONDS: String(TTL_SECONDS),
    };
    ownerUrl = url.toString();
    for (const script of ['scripts/db-migrate.ts', 'scripts/db-seed.ts']) {
      const result = spawnSync(process.execPath, ['node_modules/tsx/dist/cli.mjs', script], { env, encoding: 'utf8' });
      if (result.status !== 0) throw new Error(`${script} failed: ${result.stderr}`);
    }
    serversStarted = Date.now();
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

  test('a change whose NOTIFY was lost still reaches every server within the cache lifetime', async () => {
    const [, b] = PORTS;
    const page = '/products/zoom-workplace-pro';
    const before = price((await call(b, 'localhost', page)).body, 'EUR');
    expect((await call(b, 'localhost', page)).headers['x-nextjs-cache']).toBe('HIT');
    // Written straight into the database: no server hears of it.
    const owner = postgres(ownerUrl, { max: 1, onnotice: () => {} });
    await owner`update plan_prices set msrp = msrp + 100 where currency = 'EUR' and plan_id in (select p.id from plans p join products r on r.tenant_id = p.tenant_id and r.id = p.product_id where r.slug = 'zoom-workplace-pro')`;
    await owner.end();
    const started = Date.now();
    await expect.poll(async () => price((await call(b, 'localhost', page)).body, 'EUR'), { timeout: 4 * TTL_SECONDS * 1000, intervals: [500] }).not.toBe(before);
    expect(Date.now() - started).toBeLessThanOrEqual(3 * TTL_SECONDS * 1000);
  });

  test('fifty storefronts asked at once on both servers: each page is its own storefront\'s, never another\'s', async () => {
    // 47 more resellers like Acme, written as the owner (an operator's import would do the same).
    const owner = postgres(ownerUrl, { max: 1, onnotice: () => {} });
    const columns = (await owner`select column_name from information_schema.columns where table_name = 'tenants' and table_schema = 'public' order by ordinal_position`).map((c) => c.column_name as string);
    const pick = columns.map((c) => (c === 'id' ? 'gen_random_uuid()' : c === 'slug' ? `'load-' || g` : c === 'name' ? `'Load Shop ' || g` : c === 'stripe_account_id' ? 'null' : `t.${c}`)).join(', ');
    await owner.unsafe(`insert into tenants (${columns.join(', ')}) select ${pick} from tenants t, generate_series(1, 47) g where t.slug = 'acme'`);
    await owner.end();
    const shops = [
      { host: 'acme.localhost', name: 'Acme Cloud Solutions' },
      { host: 'globex.localhost', name: 'Globex IT-Services' },
      { host: 'localhost', name: 'Northwind Distribution' },
      ...Array.from({ length: 47 }, (_, i) => ({ host: `load-${i + 1}.localhost`, name: `Load Shop ${i + 1}` })),
    ];
    const names = shops.map((s) => s.name);
    for (let round = 0; round < 2; round++) {
      const answers = await Promise.all(shops.flatMap((shop) => PORTS.map(async (port) => ({ shop, port, answer: await call(port, shop.host, '/') }))));
      for (const { shop, port, answer } of answers) {
        expect(answer.status, `${shop.host} on ${port}`).toBe(200);
        expect(answer.body, `${shop.host} on ${port}`).toContain(`<title>${shop.name}</title>`);
        const others = names.filter((n) => n !== shop.name && answer.body.includes(`>${n}<`));
        expect(others, `${shop.host} on ${port} shows another storefront`).toEqual([]);
      }
    }
  });

  test('the servers write none of the pages they render into the build folder they share', async () => {
    // Next writes its disk copies in place, and one server read a page the other was writing:
    // 200 with an empty body. Pages and data reads are cached in each server's memory only.
    const dist = process.env.NEXT_DIST_DIR || '.next';
    const written = (dir: string): string[] => {
      let entries;
      try {
        entries = readdirSync(dir, { withFileTypes: true });
      } catch {
        return [];
      }
      return entries.flatMap((e) => {
        const file = `${dir}/${e.name}`;
        return e.isDirectory() ? written(file) : statSync(file).mtimeMs >= serversStarted ? [file] : [];
      });
    };
    // The pages above were rendered and cached by both servers (the cache HITs they asserted).
    expect((await call(PORTS[0], 'acme.localhost', '/products')).status).toBe(200);
    expect([...written(`${dist}/server/app`), ...written(`${dist}/cache/fetch-cache`)]).toEqual([]);
  });

  test('a server whose database login bypasses row-level security refuses to start in production', async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: ownerUrl, MAIL_TRANSPORT: 'outbox', AUTH_SECRET: randomBytes(32).toString('base64url'), NODE_ENV: 'production' };
    const child = spawn(process.execPath, ['node_modules/next/dist/bin/next', 'start', '-p', '3309'], { env });
    let output = '';
    child.stdout?.on('data', (c: Buffer) => (output += c));
    child.stderr?.on('data', (c: Buffer) => (output += c));
    const code = await new Promise<number | null>((resolve) => {
      const timer = setTimeout(() => (child.kill('SIGKILL'), resolve(null)), 30_000);
      child.on('exit', (c) => (clearTimeout(timer), resolve(c)));
    });
    expect(code).toBe(1);
    expect(output).toMatch(/row-level security does not bind.*superuser/);
  });
});
