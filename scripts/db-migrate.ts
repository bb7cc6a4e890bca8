// `npm run db:migrate`: applies the committed migrations in drizzle/ as the tables' owner
// (DATABASE_OWNER_URL, else DATABASE_URL), or to the embedded PGlite under .data/ when neither is
// set (never while a server has that directory open).
import { migrate } from '../lib/db';
import { openOwnerDatabase } from '../lib/db/owner';

const handle = await openOwnerDatabase();
try {
  await migrate(handle);
  console.log(`migrations applied (${handle.driver})`);
} finally {
  await handle.close();
}
