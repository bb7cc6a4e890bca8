// `npm run seed:large`: 1,000 resellers and 100,000 plans (20,000 products × 5) on top of the demo,
// for the catalog benchmark. Uses DATABASE_OWNER_URL, DATABASE_URL or the embedded database (PGLITE_DIR, default
// .data/pglite; stop `npm run dev` first). RESELLERS and PRODUCTS change the size.
import { openOwnerDatabase } from '../lib/db/owner';
import { seedDemo } from '../lib/seed/demo';
import { seedLarge } from '../lib/seed/large';

const resellers = Number(process.env.RESELLERS || 1000);
const products = Number(process.env.PRODUCTS || 20_000);
const started = Date.now();
const handle = await openOwnerDatabase();
try {
  await seedDemo(handle.db);
  await seedLarge(handle.db, { resellers, products });
  console.log(`seeded ${resellers} resellers and ${products * 5} plans (${handle.driver}) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
} finally {
  await handle.close();
}
