// `npm run bench:signed-in`: the pages a signed-in customer uses, on the embedded PGlite and on
// the PostgreSQL server (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres):
// the account page, the cart page (two plans in the cart) and placing an order on account (a fresh
// cart and idempotency key per order, by customers of 50 organisations: one organisation's orders
// queue behind its credit check, as they should).
//
// Latency is promised at a load, not at saturation, where p99 only measures the queue. So each
// scenario is run twice: closed loop (as fast as it goes) for its throughput, set beside the floor
// row of the same driver and run (/api/health, a route handler sending one `select 1`); and open
// loop at a steady offered rate (bench/paced.ts: one request every 1/rate s, not autocannon's
// overallRate, which sends each second's share at once) of half the floor's throughput, for its
// p99. Orders are also offered at 50/s. Each row also shows what a bare node:http server sending the
// same bytes does on this machine, and (bench/db-floor.ts) what our database client alone does for
// the floor's select 1 and for one tenant-scoped read: the least any signed-in page adds to the floor.
// Environment: BENCH_DURATION (s, default 10), BENCH_CONNECTIONS (50), BENCH_DRIVERS (pglite,postgres,postgres-worker:
// PostgreSQL with the jobs in a worker process, JOBS_IN_PROCESS=false),
// BENCH_SCENARIOS (floor,account,cart,orders), BENCH_ORDERS (4000), BENCH_ORDER_RATE (50),
// BENCH_SERVER_NODE_ARGS (say --cpu-prof).
import autocannon from 'autocannon';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request as httpRequest } from 'node:http';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import postgres from 'postgres';
import { migrate, openDatabase, type Db } from '../lib/db';
import { cartItems, carts, memberships, organizations, plans, sessions, tenants, users } from '../lib/db/schema';
import { seedDemo } from '../lib/seed/demo';
import { paced, type PacedResult } from './paced';

const duration = Number(process.env.BENCH_DURATION || 10);
const connections = Number(process.env.BENCH_CONNECTIONS || 50);
const drivers = (process.env.BENCH_DRIVERS || 'pglite,postgres,postgres-worker').split(',');
const scenarios = new Set((process.env.BENCH_SCENARIOS || 'floor,account,cart,orders').split(','));
const serverUrl = process.env.BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const PORT = 3210;
const BARE_PORT = 3211;
const HOST = `acme.localhost:${PORT}`;
const origin = `http://127.0.0.1:${PORT}`;
const CUSTOMERS = 60;
const ORDERS = Number(process.env.BENCH_ORDERS || 4000);
const ORDER_RATE = Number(process.env.BENCH_ORDER_RATE || 50);
const ORGANIZATIONS = 50;
// Carts the closed loop may take beyond its count: autocannon builds each connection's next request before it knows the run is over.
const SPARE_CARTS = 2 * 200;
const WARMUP_ORDERS = 200;

interface Row { name: string; reqPerSec: number; p50: number; p99: number; statuses: string; errors: number; timeouts?: number; offered?: number }

function pacedRow(name: string, r: PacedResult, offered: number): Row {
  const statuses = Object.entries(r.statuses).sort().map(([k, n]) => `${k}:${n}`).join(' ');
  return { name, reqPerSec: r.served, p50: r.p50, p99: r.p99, statuses, errors: r.errors, offered };
}

async function summarize(name: string, run: Promise<autocannon.Result>, offered?: number): Promise<Row> {
  const r = await run;
  // Server errors by their code: a 503 refusal (with Retry-After) is the embedded database's answer to overload, a 500 is a defect.
  const failed = Object.entries(r.statusCodeStats ?? {}).filter(([code]) => Number(code) >= 500).map(([code, v]) => [code, (v as { count: number }).count] as const);
  const statuses = [...Object.entries({ '2xx': r['2xx'], '3xx': r['3xx'], '4xx': r['4xx'] }), ...failed].filter(([, n]) => n > 0).map(([k, n]) => `${k}:${n}`).join(' ');
  return { name, reqPerSec: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, statuses, errors: r.errors + r.timeouts, timeouts: r.timeouts, ...(offered ? { offered } : {}) };
}

/**
 * Customers of Contoso with a session each (the readers), and buyers with a full cart each for the
 * order scenario, spread over Contoso and 49 organisations like it.
 */
interface Prepared {
  tenantId: string;
  cookies: string[];
  orderCookies: { cookie: string; organizationId: string }[];
}

async function prepare(db: Db): Promise<Prepared> {
  await seedDemo(db);
  const [acme] = await db.select().from(tenants).where(eq(tenants.slug, 'acme'));
  const [contoso] = await db.select().from(organizations).where(and(eq(organizations.tenantId, acme!.id), eq(organizations.name, 'Contoso Ltd')));
  await db.update(organizations).set({ creditLimit: 1_000_000_000 }).where(eq(organizations.id, contoso!.id));
  const { id: _id, name: _name, createdAt: _created, ...like } = { ...contoso!, creditLimit: 1_000_000_000 };
  const others = await db
    .insert(organizations)
    .values(Array.from({ length: ORGANIZATIONS - 1 }, (_, i) => ({ ...like, name: `Bench Customer ${i + 1}` })))
    .returning({ id: organizations.id });
  const organizationIds = [contoso!.id, ...others.map((o) => o.id)];
  const planIds = (await db.select({ id: plans.id, sku: plans.sku }).from(plans)).filter((p) => ['MS-M365-BASIC-M', 'MS-M365-STD-M'].includes(p.sku) || p.sku.startsWith('GW-')).slice(0, 2).map((p) => p.id);
  const make = async (n: number, prefix: string, spread: boolean) => {
    const made: { cookie: string; organizationId: string }[] = [];
    const userRows = Array.from({ length: n }, (_, i) => ({ tenantId: acme!.id, id: randomUUID(), email: `${prefix}-${i}@contoso.test`, name: `Bench ${i}` }));
    for (let i = 0; i < userRows.length; i += 500) {
      const chunk = userRows.slice(i, i + 500);
      const orgOf = (k: number) => organizationIds[spread ? (i + k) % organizationIds.length : 0]!;
      await db.insert(users).values(chunk);
      await db.insert(memberships).values(chunk.map((u, k) => ({ tenantId: acme!.id, userId: u.id, organizationId: orgOf(k), role: 'customer_admin' as const })));
      const sessionRows = chunk.map((u) => ({ tenantId: acme!.id, sessionToken: randomBytes(24).toString('hex'), userId: u.id, expires: new Date(Date.now() + 86_400_000) }));
      await db.insert(sessions).values(sessionRows);
      const cartRows = chunk.map((u) => ({ tenantId: acme!.id, id: randomUUID(), userId: u.id }));
      await db.insert(carts).values(cartRows);
      await db.insert(cartItems).values(cartRows.flatMap((c) => planIds.map((planId, k) => ({ tenantId: acme!.id, cartId: c.id, planId, seats: k + 1 }))));
      made.push(...sessionRows.map((s, k) => ({ cookie: `authjs.session-token=${s.sessionToken}`, organizationId: orgOf(k) })));
    }
    return made;
  };
  const readers = await make(CUSTOMERS, 'reader', false);
  // The open-loop run at ORDER_RATE for `duration` seconds takes its carts first; the closed loop ORDERS more.
  return { tenantId: acme!.id, cookies: readers.map((r) => r.cookie), orderCookies: await make(ORDERS + Math.ceil(ORDER_RATE * duration * 1.2) + SPARE_CARTS + WARMUP_ORDERS + 2 * connections, 'buyer', true) };
}

function send(method: string, urlPath: string, headers: Record<string, string>, payload?: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    httpRequest(`${origin}${urlPath}`, { method, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    }).on('error', reject).end(payload);
  });
}

const get = (urlPath: string, cookie: string) => send('GET', urlPath, { host: HOST, cookie });

async function waitForHealth(server: ChildProcess): Promise<void> {
  for (let i = 0; i < 240; i++) {
    if (server.exitCode !== null) throw new Error('the server exited');
    try {
      if ((await fetch(`${origin}/api/health`)).ok) return;
    } catch {
      // not yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('the server did not become healthy');
}

async function runDriver(driver: string): Promise<Row[]> {
  let env: Record<string, string>;
  let cleanup = async () => {};
  let prepared: Prepared;
  if (driver === 'pglite') {
    const dir = path.resolve('.data', 'bench-signed-in');
    rmSync(dir, { recursive: true, force: true });
    const handle = await openDatabase({ pgliteDir: dir });
    await migrate(handle);
    prepared = await prepare(handle.db);
    await handle.close();
    env = { PGLITE_DIR: dir, DATABASE_URL: '', DATABASE_EMBEDDED: 'true' };
  } else {
    // postgres-worker: the deployment README describes for load, the jobs (provisioning, mails)
    // in a worker process of their own (JOBS_IN_PROCESS=false, npm run worker).
    const name = `cf_bench_${randomBytes(4).toString('hex')}`;
    const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    const handle = await openDatabase({ databaseUrl: url.toString(), poolSize: 4 });
    await migrate(handle);
    prepared = await prepare(handle.db);
    await handle.close();
    const app = new URL(url);
    app.username = 'channelfront_app';
    env = { DATABASE_URL: app.toString(), DATABASE_POOL_SIZE: '20', ...(driver === 'postgres-worker' ? { JOBS_IN_PROCESS: 'false' } : {}) };
    cleanup = async () => {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    };
  }
  const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS || '').split(' ').filter(Boolean);
  const server = spawn(process.execPath, [...nodeArgs, 'node_modules/next/dist/bin/next', 'start', '-p', String(PORT)], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, ...env, MAIL_TRANSPORT: 'outbox', AUTH_SECRET: randomBytes(32).toString('base64url'), NEXT_TELEMETRY_DISABLED: '1', DEMO_PROVISIONING_DELAY_MS: '50' },
  });
  const worker = driver === 'postgres-worker'
    ? spawn(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'scripts/worker.ts'], { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, ...env, MAIL_TRANSPORT: 'outbox', AUTH_SECRET: randomBytes(32).toString('base64url'), DEMO_PROVISIONING_DELAY_MS: '50' } })
    : null;
  let rows: Row[];
  try {
    rows = await appRows(driver, server, prepared);
  } finally {
    for (const child of [server, worker]) {
      if (!child) continue;
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
  }
  try {
    // The app server is gone (PGlite opens its directory in one process only) before the client's own share is measured.
    if (scenarios.has('floor') && driver !== 'postgres-worker') rows.push(...(await databaseClientRows(driver, env, prepared)));
  } finally {
    await cleanup();
  }
  return rows;
}

async function appRows(driver: string, server: ChildProcess, prepared: Prepared): Promise<Row[]> {
  await waitForHealth(server);
  const { cookies, orderCookies } = prepared;
  for (const p of ['/account', '/cart']) {
    const page = await get(p, cookies[0]!);
    if (page.status !== 200 || !page.body.includes('contoso.test') && p === '/account') throw new Error(`${p} answered ${page.status} for a signed-in customer`);
  }
  const rows: Row[] = [];
  let floor = 0;
  const scenario = async (label: string, urlPath: string) => {
    const requests = cookies.map((cookie) => ({ method: 'GET' as const, path: urlPath, headers: { host: HOST, cookie } }));
    await autocannon({ url: origin, connections, duration: 3, requests });
    const closed = await summarize(`${label} (${driver})`, autocannon({ url: origin, connections, duration, requests }));
    rows.push(closed);
    if (!floor) floor = closed.reqPerSec;
    const rate = Math.max(1, Math.round(floor / 2));
    const result = await paced({ origin, rate, durationS: duration, next: (i) => ({ method: 'GET', path: urlPath, headers: { host: HOST, cookie: cookies[i % cookies.length]! } }) });
    rows.push(pacedRow(`${label} at ${rate}/s offered, half the floor (${driver})`, result, rate));
    const sample = await get(urlPath, cookies[0]!);
    const type = urlPath.startsWith('/api/') ? 'application/json' : 'text/html; charset=utf-8';
    const bare = createServer((_q, s) => { s.writeHead(200, { 'content-type': type }); s.end(sample.body); }).listen(BARE_PORT);
    rows.push(await summarize(`bare node:http, same bytes as ${urlPath} (${driver})`, autocannon({ url: `http://127.0.0.1:${BARE_PORT}/`, connections, duration })));
    bare.close();
  };
  // The worker process changes nothing for pages, which run no job: there only orders are placed.
  const pages = driver !== 'postgres-worker';
  if (pages && scenarios.has('floor')) await scenario('route handler, one select 1 (floor)', '/api/health');
  if (pages && scenarios.has('account')) await scenario('account page, signed in', '/account');
  if (pages && scenarios.has('cart')) await scenario('cart page, two plans', '/cart');
  if (!scenarios.has('orders')) return rows;
  // Placing orders: each request takes the next buyer's full cart, for its organisation, with a new idempotency key.
  const body = (organizationId: string) => JSON.stringify({ organizationId, paymentMethod: 'on_account', idempotencyKey: randomBytes(12).toString('hex'), locale: 'en' });
  const post = (cookie: string) => ({ host: HOST, origin: `http://${HOST}`, 'content-type': 'application/json', cookie });
  // One order first, for the bytes the bare server sends back; the runs take the other carts.
  const sample = await send('POST', '/api/checkout', post(orderCookies[0]!.cookie), body(orderCookies[0]!.organizationId));
  const sampleBody = sample.body;
  if (sample.status !== 200) throw new Error(`placing an order answered ${sample.status}: ${sampleBody}`);
  let next = 1;
  const order = () => ({ method: 'POST' as const, setupRequest: (req: autocannon.Request) => {
    // autocannon builds each connection's next request before it knows the run is over; carts
    // are prepared with room for that, and an empty one reused would show as a 4xx.
    const buyer = orderCookies[next++ % orderCookies.length]!;
    return { ...req, headers: post(buyer.cookie), body: body(buyer.organizationId) };
  } });
  // The order path warmed first (compiled code, each pooled connection's prepared statements), as the pages are by their warm-up run.
  await autocannon({ url: `${origin}/api/checkout`, connections: 10, amount: WARMUP_ORDERS, requests: [order()] });
  await new Promise((r) => setTimeout(r, 3_000));
  const offered = await paced({
    origin,
    rate: ORDER_RATE,
    durationS: duration,
    next: () => {
      const buyer = orderCookies[next++ % orderCookies.length]!;
      return { method: 'POST', path: '/api/checkout', headers: post(buyer.cookie), body: body(buyer.organizationId) };
    },
  });
  rows.push(pacedRow(`place an order at ${ORDER_RATE}/s offered (${driver})`, offered, ORDER_RATE));
  // The offered-rate orders' provisioning drains before the closed loop starts.
  await new Promise((r) => setTimeout(r, 5_000));
  rows.push(await summarize(`place an order on account, ${ORGANIZATIONS} organisations (${driver})`, autocannon({ url: `${origin}/api/checkout`, connections, amount: ORDERS - 1, requests: [order()] })));
  const bare = createServer((q, s) => {
    q.resume();
    q.on('end', () => {
      s.writeHead(200, { 'content-type': 'application/json' });
      s.end(sampleBody);
    });
  }).listen(BARE_PORT);
  rows.push(await summarize(`bare node:http, same bytes as an order (${driver})`, autocannon({ url: `http://127.0.0.1:${BARE_PORT}/`, connections, duration, method: 'POST', headers: post(orderCookies[0]!.cookie), body: body(orderCookies[0]!.organizationId) })));
  bare.close();
  return rows;
}

/**
 * Two rows from bench/db-floor.ts, a bare node:http server on the same database and driver: the
 * floor's `select 1`, and the least a signed-in page reads (one row in a tenant-scoped
 * transaction). What the second costs more than the first, every signed-in page pays on top of the
 * floor route, which bounds its ratio to the floor (printed below the table).
 */
async function databaseClientRows(driver: string, env: Record<string, string>, prepared: Prepared): Promise<Row[]> {
  const child = spawn(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'bench/db-floor.ts'], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, ...env, FLOOR_PORT: String(BARE_PORT), FLOOR_TENANT: prepared.tenantId, FLOOR_TOKEN: prepared.cookies[0]!.split('=')[1]! },
  });
  try {
    await new Promise<void>((resolve, reject) => {
      child.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('ready') && resolve());
      child.once('exit', (code) => reject(new Error(`bench/db-floor.ts exited (${code})`)));
    });
    const rows: Row[] = [];
    for (const [label, urlPath] of [['bare node:http, select 1, our database client', '/select-1'], ['bare node:http, one tenant-scoped read, our database client', '/scoped-read']] as const) {
      const url = `http://127.0.0.1:${BARE_PORT}${urlPath}`;
      await autocannon({ url, connections, duration: 3 });
      rows.push(await summarize(`${label} (${driver})`, autocannon({ url, connections, duration })));
    }
    return rows;
  } finally {
    child.kill('SIGTERM');
  }
}

async function main() {
  if (!existsSync('.next/BUILD_ID')) {
    const result = spawnSync(process.execPath, ['node_modules/next/dist/bin/next', 'build'], { stdio: 'inherit' });
    if (result.status !== 0) throw new Error('next build failed');
  }
  const rows: Row[] = [];
  for (const driver of drivers) rows.push(...(await runDriver(driver)));
  console.log(`\n${duration}s per scenario (orders: ${ORDERS} placed), ${connections} connections, Node ${process.version}\n`);
  console.log('| scenario | req/s | p50 ms | p99 ms | responses |');
  console.log('| --- | ---: | ---: | ---: | --- |');
  for (const r of rows) console.log(`| ${r.name} | ${r.reqPerSec.toFixed(0)} | ${r.p50} | ${r.p99} | ${r.statuses}${r.errors ? ` errors:${r.errors}` : ''}${r.timeouts ? ` (timeouts:${r.timeouts})` : ''} |`);
  console.log('\nTargets (issue 26): account, cart ÷ floor ≥ 0.8×, p99 ≤ 100 ms at half the floor\'s rate; orders on PostgreSQL ≥ 100/s, p99 ≤ 250 ms at 50/s; no timeouts.');
  for (const driver of drivers) {
    const mine = rows.filter((r) => r.name.endsWith(`(${driver})`) && !r.name.startsWith('bare'));
    const floor = mine.find((r) => r.name.includes('(floor)') && !r.offered);
    const select1 = rows.find((r) => r.name === `bare node:http, select 1, our database client (${driver})`);
    const scoped = rows.find((r) => r.name === `bare node:http, one tenant-scoped read, our database client (${driver})`);
    if (floor && select1 && scoped) {
      // Per request, in ms: the floor route, and what one tenant-scoped read costs more than select 1.
      const floorMs = 1000 / floor.reqPerSec;
      const extraMs = Math.max(0, 1000 / scoped.reqPerSec - 1000 / select1.reqPerSec);
      console.log(`${driver}: the floor route takes ${floorMs.toFixed(2)} ms a request; one tenant-scoped read costs ${extraMs.toFixed(2)} ms more than select 1, so no signed-in page can pass ${(floorMs / (floorMs + extraMs)).toFixed(2)}× the floor`);
    }
    for (const r of mine) {
      if (r.offered) console.log(`${r.name}: p99 ${r.p99} ms, served ${r.reqPerSec.toFixed(0)}/s${r.errors ? `, ${r.errors} errors or timeouts` : ''}`);
      else if (floor && r !== floor) console.log(`${r.name} ÷ floor: ${(r.reqPerSec / floor.reqPerSec).toFixed(2)}×${r.errors ? ` (${r.errors} errors or timeouts)` : ''}`);
    }
  }
  mkdirSync('bench/results', { recursive: true });
  writeFileSync(`bench/results/signed-in-${new Date().toISOString().replace(/[:.]/g, '-')}.json`, JSON.stringify({ duration, connections, rows }, null, 2));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
