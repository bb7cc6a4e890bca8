// Starts the production build for the end-to-end tests on a fresh embedded database, so every run
// sees exactly the demo seed. Runs `next start` directly (not through npx) so that stopping this
// process never leaves an orphan server behind.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import path from 'node:path';

const dataDir = path.resolve('.data', 'e2e');
rmSync(dataDir, { recursive: true, force: true });

const port = process.env.E2E_PORT || '3100';
const env = {
  ...process.env,
  PGLITE_DIR: dataDir,
  NEXT_TELEMETRY_DISABLED: '1',
  DATABASE_URL: '',
  DATABASE_OWNER_URL: '',
  // A production server on the embedded database is an explicit choice.
  DATABASE_EMBEDDED: 'true',
  // Mail goes to the tests' SMTP catcher; a fresh secret for a throwaway test server.
  SMTP_URL: `smtp://127.0.0.1:${process.env.E2E_SMTP_PORT || 2525}`,
  AUTH_SECRET: randomBytes(32).toString('base64url'),
  // All browsers of the test run share one address; the per-address limit is what is tested.
  SIGNIN_LIMIT_PER_CLIENT: '1000',
  // Short enough for the nginx test to watch a change arrive (e2e/nginx.spec.ts).
  SHARED_CACHE_SECONDS: '2',
  // Card payments go to the tests' Stripe stand-in (tests/helpers/stripe-stand-in.ts).
  // No internet here: VAT numbers are checked by format and check digit only (tests/first-customers.test.ts asks a VIES stand-in).
  VIES_URL: 'off',
  // A message missing from a language shows a marker the language walk fails on (e2e/languages.spec.ts).
  MISSING_MESSAGES: 'mark',
  STRIPE_SECRET_KEY: 'sk_test_standin0000000000000000',
  STRIPE_WEBHOOK_SECRET: 'whsec_standin_0123456789abcdefghijklmnop',
  STRIPE_API_BASE: `http://127.0.0.1:${process.env.E2E_STRIPE_PORT || 12111}`,
  // The demo vendor answers quickly, so a test sees its subscriptions within seconds.
  DEMO_PROVISIONING_DELAY_MS: '200',
};
// `next start` never seeds: the demo comes from `npm run db:seed`, as an operator would run it.
const seeded = spawnSync(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'scripts/db-seed.ts'], { env, stdio: 'inherit' });
if (seeded.status !== 0) process.exit(seeded.status ?? 1);
const server = spawn(process.execPath, ['node_modules/next/dist/bin/next', 'start', '-p', port], { stdio: 'inherit', env });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
