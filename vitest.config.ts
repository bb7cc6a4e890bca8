import path from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    alias: {
      '@': path.resolve(import.meta.dirname),
      // `server-only` throws outside React Server Components; the modules it guards are plain
      // server code under test.
      'server-only': path.resolve(import.meta.dirname, 'tests/helpers/empty.ts'),
    },
  },
  test: {
    include: ['tests/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    // No test asks the EU's VIES service itself: tests/first-customers.test.ts runs a stand-in.
    env: { VIES_URL: 'off' },
    hookTimeout: 60_000,
    // Each file has a database of its own, so files run side by side: on the embedded PGlite two
    // at a time (one per core of the CI machine); on a server (and Citus) one at a time, as the
    // shared cluster creates and distributes each file's database.
    maxWorkers: process.env.DATABASE_URL ? 1 : 2,
  },
});
