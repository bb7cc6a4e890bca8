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
  env: { ...process.env, PGLITE_DIR: dataDir, NEXT_TELEMETRY_DISABLED: '1', DATABASE_URL: '' },
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
