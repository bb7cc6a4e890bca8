// `npm run bench`: throughput of a tenant's home page (requests spread over many tenant hosts),
// a static Next.js page of the same build, and a bare node:http server sending the tenant page's
// bytes, and the tenant pages through nginx's shared cache; then the catalog at scale (1,000 resellers, 100,000 plans): product pages, the product
// list and full-text search. All in one run on this machine; prints req/s, p50 and p99, ratios.
// Environment: BENCH_DURATION (s, default 10), BENCH_CONNECTIONS (50), BENCH_TENANTS (50),
// BENCH_PRODUCTS (20000 products × 5 plans), BENCH_RESELLERS (1000).
import autocannon from 'autocannon';
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import path from 'node:path';
import { migrate, openDatabase } from '../lib/db';
import { seedBenchTenants, seedDemo } from '../lib/seed/demo';
import { seedLarge } from '../lib/seed/large';
import { startNginx } from './nginx';

const duration = Number(process.env.BENCH_DURATION || 10);
const connections = Number(process.env.BENCH_CONNECTIONS || 50);
const tenantCount = Number(process.env.BENCH_TENANTS || 50);
const productCount = Number(process.env.BENCH_PRODUCTS || 20_000);
const resellerCount = Number(process.env.BENCH_RESELLERS || 1000);
const PORT = 3200;
const BARE_PORT = 3201;
const NGINX_PORT = 3202;
const origin = `http://127.0.0.1:${PORT}`;

function buildIfNeeded() {
  if (existsSync('.next/BUILD_ID')) return;
  console.log('no production build found: running next build');
  const result = spawnSync(process.execPath, ['node_modules/next/dist/bin/next', 'build'], { stdio: 'inherit' });
  if (result.status !== 0) throw new Error('next build failed');
}

async function prepareDatabase(dir: string): Promise<string[]> {
  rmSync(dir, { recursive: true, force: true });
  const handle = await openDatabase({ pgliteDir: dir });
  await migrate(handle);
  await seedDemo(handle.db);
  const slugs = await seedBenchTenants(handle.db, tenantCount);
  const started = Date.now();
  await seedLarge(handle.db, { resellers: resellerCount, products: productCount });
  console.log(`seeded ${resellerCount} resellers and ${productCount * 5} plans in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  await handle.close();
  return [...slugs.map((s) => `${s}.localhost`), 'acme.localhost', 'globex.localhost', 'localhost'];
}

async function waitForHealth(): Promise<void> {
  for (let i = 0; i < 120; i++) {
    try {
      if ((await fetch(`${origin}/api/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('the server did not become healthy within 30 s');
}

/** Renders every URL once (four at a time) so the measurement sees what later visitors get. */
async function warm(urls: (readonly [string, string])[]): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < urls.length) {
      const [host, path] = urls[next++]!;
      const response = await get(host, path);
      if (response.status !== 200) throw new Error(`${host}${path} answered ${response.status} while warming up`);
    }
  };
  await Promise.all([worker(), worker(), worker(), worker()]);
}

async function get(host: string, urlPath: string) {
  // fetch() refuses a Host header, so node:http it is.
  const { request } = await import('node:http');
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    request(`${origin}${urlPath}`, { headers: { host: `${host}:${PORT}` } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    })
      .on('error', reject)
      .end();
  });
}

interface Row {
  name: string;
  reqPerSec: number;
  p50: number;
  p99: number;
  statuses: string;
  errors: number;
}

async function load(name: string, opts: autocannon.Options): Promise<Row> {
  const result = await autocannon({ connections, duration, ...opts });
  const statuses = Object.entries({ '2xx': result['2xx'], '3xx': result['3xx'], '4xx': result['4xx'], '5xx': result['5xx'] })
    .filter(([, n]) => n > 0)
    .map(([k, n]) => `${k}:${n}`)
    .join(' ');
  return { name, reqPerSec: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, statuses, errors: result.errors + result.timeouts };
}

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
}

async function main() {
  buildIfNeeded();
  const dataDir = path.resolve('.data', 'bench');
  const hosts = await prepareDatabase(dataDir);
  const server = spawn(process.execPath, ['node_modules/next/dist/bin/next', 'start', '-p', String(PORT)], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      ...process.env,
      PGLITE_DIR: dataDir,
      DATABASE_URL: '',
      // A production server: the embedded database and the outbox are chosen explicitly.
      DATABASE_EMBEDDED: 'true',
      MAIL_TRANSPORT: 'outbox',
      AUTH_SECRET: randomBytes(32).toString('base64url'),
      NEXT_TELEMETRY_DISABLED: '1',
    },
  });
  const stop = () => server.kill('SIGTERM');
  process.on('exit', stop);
  try {
    await waitForHealth();
    // First visits render and fill the cache; the benchmark measures what visitors get after.
    for (const host of hosts) {
      const page = await get(host, '/');
      if (page.status !== 200) throw new Error(`${host} answered ${page.status} while warming up`);
    }
    const sample = await get('acme.localhost', '/');
    const bare = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(sample.body);
    }).listen(BARE_PORT);

    const tenantLoad: autocannon.Options = {
      url: origin,
      requests: hosts.map((host) => ({ method: 'GET', path: '/', headers: { host: `${host}:${PORT}` } })),
    };
    // Next's prerendered not-found page: static HTML from the same build, through the same proxy.
    const staticLoad: autocannon.Options = { url: `${origin}/api/static-baseline`, headers: { host: `acme.localhost:${PORT}` } };
    // Unmeasured warm-up of both server paths, so neither scenario pays for JIT compilation.
    await autocannon({ ...tenantLoad, connections, duration: 3 });
    await autocannon({ ...staticLoad, connections, duration: 3 });

    const rows: Row[] = [];
    rows.push(await load(`tenant home page (${hosts.length} hosts)`, tenantLoad));
    rows.push(await load('static Next.js page (prerendered /_not-found)', staticLoad));
    rows.push(await load('bare node:http, same bytes', { url: `http://127.0.0.1:${BARE_PORT}/` }));
    bare.close();
    // The same tenant pages through nginx with the shipped cache configuration (docs/deployment.md).
    const nginx = startNginx(PORT, NGINX_PORT);
    const viaNginx: autocannon.Options = {
      url: `http://127.0.0.1:${NGINX_PORT}`,
      requests: hosts.map((host) => ({ method: 'GET', path: '/', headers: { host: `${host}:${NGINX_PORT}` } })),
    };
    await new Promise((r) => setTimeout(r, 500));
    await autocannon({ ...viaNginx, connections, duration: 3 });
    rows.push(await load(`tenant home page through nginx (${hosts.length} hosts)`, viaNginx));
    nginx.stop();

    // The catalog at scale: 50 of the generated resellers, 20 products each.
    const large = Array.from({ length: 50 }, (_, i) => `reseller-${String(i * 20 + 1).padStart(4, '0')}.localhost`);
    const productPaths = Array.from({ length: 20 }, (_, i) => `/products/large-${String(i * 997 + 1).padStart(6, '0')}`);
    const listPaths = ['/products', '/products?category=security', '/products?page=40', '/products?vendor=veeam&period=year'];
    const catalogScenarios: [string, string[]][] = [
      [`product page (${large.length} hosts × ${productPaths.length} products)`, productPaths],
      [`product list, browsing (${large.length} hosts × ${listPaths.length} filters)`, listPaths],
      [`product list, full-text search (${large.length} hosts)`, ['/products?q=protect%20cloud', '/products?q=veeam%20vault']],
    ];
    for (const [name, paths] of catalogScenarios) {
      const requests = large.flatMap((host) => paths.map((path) => ({ method: 'GET' as const, path, headers: { host: `${host}:${PORT}` } })));
      await warm(requests.map((r) => [r.headers.host.replace(`:${PORT}`, ''), r.path] as const));
      rows.push(await load(name, { url: origin, requests }));
    }
    const rss = rssMb(server.pid!);

    const [tenant, staticPage, raw, nginxRow] = rows as [Row, Row, Row, Row];
    console.log(`\n${duration}s per scenario, ${connections} connections, Node ${process.version}, page ${sample.body.length} bytes\n`);
    console.log('| scenario | req/s | p50 ms | p99 ms | responses |');
    console.log('| --- | ---: | ---: | ---: | --- |');
    for (const r of rows) console.log(`| ${r.name} | ${r.reqPerSec.toFixed(0)} | ${r.p50} | ${r.p99} | ${r.statuses}${r.errors ? ` errors:${r.errors}` : ''} |`);
    console.log(`\ntenant / static: ${(tenant.reqPerSec / staticPage.reqPerSec).toFixed(2)}×   tenant / bare: ${(tenant.reqPerSec / raw.reqPerSec).toFixed(3)}×   (target: tenant ≥ 0.8× static)`);
    console.log(`tenant through nginx / bare: ${(nginxRow.reqPerSec / raw.reqPerSec).toFixed(2)}×   (target ≥ 0.3×)`);
    console.log(`next start resident memory after the run: ${rss} MB`);
    mkdirSync('bench/results', { recursive: true });
    writeFileSync(
      `bench/results/${new Date().toISOString().replace(/[:.]/g, '-')}.json`,
      JSON.stringify({ duration, connections, products: productCount, plans: productCount * 5, resellers: resellerCount, rows, rssMb: rss }, null, 2),
    );
  } finally {
    stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
