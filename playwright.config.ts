import { defineConfig } from '@playwright/test';

export const E2E_PORT = Number(process.env.E2E_PORT || 3100);

export default defineConfig({
  testDir: 'e2e',
  // The SMTP catcher the app's sign-in mails go to (e2e/support/smtp-catcher.ts).
  globalSetup: './e2e/support/global-setup.ts',
  outputDir: 'test-results',
  fullyParallel: true,
  workers: 2,
  retries: 0,
  reporter: [['list']],
  timeout: 30_000,
  use: {
    baseURL: `http://localhost:${E2E_PORT}`,
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        // Custom domains of the demo seed (shop.acme.test …) resolve to this machine.
        '--host-resolver-rules=MAP *.test 127.0.0.1',
      ],
    },
  },
  // The design journey publishes a new brand on Acme (and restores the old one): it runs after
  // everything else, so no other test sees Acme mid-change.
  projects: [
    // Suites that change what every page shows (a storefront's design, its prices) run last, and
    // the dashboard's, which reads the orders the others placed once they are all placed.
    { name: 'storefronts', testIgnore: /(design|pricing|dashboard)\.spec\.ts$/ },
    { name: 'storefront-wide', testMatch: /(design|pricing|dashboard)\.spec\.ts$/, dependencies: ['storefronts'] },
  ],
  webServer: {
    // A production build on a fresh embedded database of its own (see scripts/e2e-server.mjs).
    command: 'node scripts/e2e-server.mjs',
    url: `http://127.0.0.1:${E2E_PORT}/api/health`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
