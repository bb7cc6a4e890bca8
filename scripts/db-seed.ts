// `npm run db:seed`: the demo distributor and resellers (idempotent), as the tables' owner. The
// only ways demo data (with its published API key) gets into a database are this command and
// `npm run dev` on a new embedded database; `next start` never seeds.
// `-- --bench N` adds N Free-plan resellers bench-001… for the benchmark.
import { openOwnerDatabase } from '../lib/db/owner';
import { seedBenchTenants, seedDemo } from '../lib/seed/demo';

const benchIndex = process.argv.indexOf('--bench');
const bench = benchIndex > 0 ? Number(process.argv[benchIndex + 1]) : 0;
if (!Number.isInteger(bench) || bench < 0 || bench > 10_000) {
  console.error('--bench takes a whole number of resellers between 0 and 10000');
  process.exit(2);
}

const handle = await openOwnerDatabase();
try {
  await seedDemo(handle.db);
  if (bench) await seedBenchTenants(handle.db, bench);
  console.log(`demo seeded (${handle.driver})${bench ? ` with ${bench} bench resellers` : ''}`);
} finally {
  await handle.close();
}
