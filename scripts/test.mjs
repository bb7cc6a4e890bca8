// `npm test`: everything CI checks, in order, stopping at the first failure.
// Type check and lint, unit and integration tests (on PGlite, and also on the PostgreSQL server
// named by DATABASE_URL when it is set), a production build, then the end-to-end tests in Chromium.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
if (!existsSync(chromium)) {
  console.error(`\nnpm test needs Chromium for the end-to-end tests, and ${chromium} does not exist.
Fix: install Debian's Chromium (as root: apt-get update && apt-get install -y chromium),
or point CHROMIUM_PATH at a Chromium or Chrome binary.\n`);
  process.exit(1);
}

const nginx = process.env.NGINX_PATH || '/usr/sbin/nginx';
if (!existsSync(nginx)) {
  console.error(`\nnpm test runs nginx in front of the app (the shared-cache test), and ${nginx} does not exist.
Fix: install Debian's nginx (as root: apt-get update && apt-get install -y nginx),
or point NGINX_PATH at an nginx binary.\n`);
  process.exit(1);
}

const bin = (name) => `node_modules/.bin/${name}`;
const steps = [
  ['type check', bin('tsc'), ['--noEmit']],
  ['lint', bin('eslint'), ['--max-warnings', '0', '.']],
  [`unit and integration tests (${process.env.DATABASE_URL ? 'PostgreSQL server' : 'PGlite'})`, bin('vitest'), ['run']],
  ['production build', process.execPath, ['node_modules/next/dist/bin/next', 'build']],
  ['end-to-end tests', bin('playwright'), ['test']],
];

for (const [label, command, args] of steps) {
  console.log(`\n▶ ${label}`);
  const started = Date.now();
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' } });
  if (result.status !== 0) {
    console.error(`\n✖ ${label} failed (exit ${result.status ?? result.signal}).`);
    process.exit(result.status || 1);
  }
  console.log(`✔ ${label} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}
