// `npm run db:migrate`: applies the committed migrations in drizzle/ to DATABASE_URL (or to the
// embedded PGlite under .data/ when it is unset; never while a server has that directory open).
import { migrate, openDatabase } from '../lib/db';

const handle = await openDatabase({ databaseUrl: process.env.DATABASE_URL || undefined });
try {
  await migrate(handle);
  console.log(`migrations applied (${handle.driver})`);
} finally {
  await handle.close();
}
