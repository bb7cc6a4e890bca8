import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
let dir: string;

/** `npm run catalog:import` as a distributor's operator runs it, on an embedded database of its own. */
async function importFile(file: string) {
  return run(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'scripts/catalog-import.ts', file], {
    env: { ...process.env, PGLITE_DIR: path.join(dir, 'db'), DATABASE_URL: '' },
  }).then(
    (r) => ({ code: 0, out: r.stdout, err: r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, out: e.stdout, err: e.stderr }),
  );
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'cf-import-'));
  // An operator seeds (or provisions) the distributor first: nothing seeds a database on its own.
  await run(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'scripts/db-seed.ts'], { env: { ...process.env, PGLITE_DIR: path.join(dir, 'db'), DATABASE_URL: '' } });
}, 120_000);
afterAll(async () => rm(dir, { recursive: true, force: true }));

describe('catalog:import command', () => {
  it('names each bad line, exits non-zero and imports nothing', async () => {
    const bad = await importFile('tests/fixtures/catalog-bad.csv');
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('nothing was imported');
    expect(bad.err).toMatch(/line 3: billingPeriod/);
    expect(bad.err).toMatch(/line 4: price in EUR must be a decimal amount/);
    // The file's one valid row was not imported either: on its own it is still a new product.
    const row = await importFile('tests/fixtures/catalog-bad-good-row.csv');
    expect(row.out).toContain('products 1 new, 0 updated');
    const good = await importFile('tests/fixtures/catalog-good.csv');
    expect(good.code).toBe(0);
    expect(good.out).toContain('products 1 new, 0 updated; plans 2 new, 0 updated; 4 prices');
    const again = await importFile('tests/fixtures/catalog-good.csv');
    expect(again.out).toContain('products 0 new, 1 updated; plans 0 new, 2 updated');
  }, 120_000);

  it('explains a missing or unsupported file', async () => {
    expect((await importFile('nope.csv')).err).toMatch(/cannot read the file \(ENOENT\)/);
    expect((await importFile('README.md')).err).toMatch(/must end in \.json or \.csv/);
  }, 60_000);
});

/** `npm run reseller:create` on the same database: a distributor's operator adds a reseller company. */
async function createReseller(...args: string[]) {
  return run(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'scripts/reseller-create.ts', ...args], {
    env: { ...process.env, PGLITE_DIR: path.join(dir, 'db'), DATABASE_URL: '', MAIL_TRANSPORT: 'outbox', SMTP_URL: '' },
  }).then(
    (r) => ({ code: 0, out: r.stdout, err: r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, out: e.stdout, err: e.stderr }),
  );
}

describe('reseller:create command', () => {
  it('creates a reselling company with its address reserved and its admin invited; refuses a taken address, a duplicate and bad input', async () => {
    const made = await createReseller('--name', 'Contoso Partners', '--slug', 'Contoso-Partners', '--admin', 'pat@contoso-partners.test', '--country', 'de', '--credit-limit', '2500');
    expect(made.err).toBe('');
    expect(made.code).toBe(0);
    expect(made.out).toContain('Contoso Partners: created on Northwind Distribution\'s storefront (reselling enabled, address "contoso-partners" reserved); pat@contoso-partners.test is invited as its admin.');
    expect(made.out).toContain('To: pat@contoso-partners.test');

    const taken = await createReseller('--name', 'Other Partners', '--slug', 'contoso-partners', '--admin', 'o@other.test');
    expect(taken.code).toBe(1);
    expect(taken.err).toContain('nothing was created: The storefront address "contoso-partners" is taken.');
    expect((await createReseller('--name', 'Acme Two', '--slug', 'acme', '--admin', 'a@two.test')).err).toContain('is taken');
    expect((await createReseller('--name', 'Contoso Partners', '--admin', 'x@y.test')).err).toContain('A company named "Contoso Partners" already exists.');
    expect((await createReseller('--name', 'Bad Mail', '--admin', 'not-an-email')).err).toContain('--admin: a valid email address');
    expect((await createReseller('--name', 'Reserved', '--slug', 'www', '--admin', 'r@r.test')).err).toContain('reserved by the platform');
    const usage = await createReseller('--name', 'No Admin');
    expect(usage.code).toBe(2);
    expect(usage.err).toContain('usage: npm run reseller:create');
  }, 120_000);
});
