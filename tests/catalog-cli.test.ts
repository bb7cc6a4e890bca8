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
