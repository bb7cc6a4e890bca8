// Starts the production build for the end-to-end tests on a fresh embedded database, so every run
// sees exactly the demo seed. Runs `next start` directly (not through npx) so that stopping this
// process never leaves an orphan server behind.
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';

const dataDir = path.resolve('.data', 'e2e');
rmSync(dataDir, { recursive: true, force: true });

const port = process.env.E2E_PORT || '3100';
const server = spawn(process.execPath, ['node_modules/next/dist/bin/next', 'start', '-p', port], {
  stdio: 'inherit',
  env: {
    ...process.env,
    PGLITE_DIR: dataDir,
    NEXT_TELEMETRY_DISABLED: '1',
    DATABASE_URL: '',
    // Mail goes to the tests' SMTP catcher; a fixed secret is fine for a throwaway test server.
    SMTP_URL: `smtp://127.0.0.1:${process.env.E2E_SMTP_PORT || 2525}`,
    AUTH_SECRET: 'e2e-only-secret-e2e-only-secret-0123456789',
    // All browsers of the test run share one address; the per-address limit is what is tested.
    SIGNIN_LIMIT_PER_CLIENT: '1000',
  },
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
