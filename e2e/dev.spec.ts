import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { getFrom } from './helpers';

// The README's first command: `npm run dev` with no configuration brings up the demo storefronts
// on a new embedded database.
const PORT = 3400;

const get = (host: string, path: string) => getFrom(PORT, host, path);

test('npm run dev on a new embedded database serves the seeded demo storefronts', async () => {
  test.setTimeout(180_000);
  const dir = mkdtempSync(path.join(tmpdir(), 'cf-dev-'));
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', PGLITE_DIR: path.join(dir, 'pglite'), NEXT_TELEMETRY_DISABLED: '1', NODE_ENV: 'development' };
  const dev: ChildProcess = spawn(process.execPath, ['node_modules/next/dist/bin/next', 'dev', '-p', String(PORT)], { env, stdio: 'ignore' });
  try {
    await expect.poll(() => get('acme.localhost', '/').then((r) => r.status, () => 0), { timeout: 150_000, intervals: [1000] }).toBe(200);
    expect((await get('acme.localhost', '/')).body).toContain('Acme Cloud Solutions');
    expect((await get('globex.localhost', '/')).body).toContain('Globex IT-Services');
    // A personal page, framed by the storefront's chrome that the dev server renders for itself.
    const cart = await get('acme.localhost', '/cart');
    expect(cart.status).toBe(200);
    expect(cart.body).toContain('Your cart');
    expect(cart.body).toContain('Acme Cloud Solutions');
  } finally {
    dev.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
});
