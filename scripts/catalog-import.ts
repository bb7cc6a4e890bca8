// `npm run catalog:import -- <file.json|file.csv>`: imports a services definition into the
// distributor's master catalog (upsert by SKU, one transaction; a bad row imports nothing).
// Uses DATABASE_OWNER_URL or DATABASE_URL, or the embedded database under .data/ (stop `npm run dev` first: PGlite
// allows one process per data directory).
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { importCatalogFile } from '../lib/catalog/import';
import { openOwnerDatabase } from '../lib/db/owner';
import { findDistributor } from '../lib/tenancy/repo';

const file = process.argv[2];
if (!file) {
  console.error('usage: npm run catalog:import -- <file.json|file.csv>');
  process.exit(2);
}
const format = path.extname(file).toLowerCase() === '.csv' ? 'csv' : path.extname(file).toLowerCase() === '.json' ? 'json' : null;
if (!format) {
  console.error(`${file}: the file must end in .json or .csv`);
  process.exit(2);
}
const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
  console.error(`${file}: cannot read the file (${error.code ?? error.message})`);
  process.exit(2);
});

const handle = await openOwnerDatabase();
try {
  const distributor = await findDistributor(handle.db);
  if (!distributor) throw new Error('no distributor tenant: run `npm run db:seed` (or start the app once) first');
  const report = await importCatalogFile(handle.db, distributor.id, text, format);
  if (!report.ok) {
    console.error(`${file}: nothing was imported. Fix these and run again:`);
    for (const issue of report.issues) console.error(`  ${issue.line ? `line ${issue.line}: ` : ''}${issue.message}`);
    process.exitCode = 1;
  } else {
    console.log(
      `${file}: imported into ${distributor.name}'s catalog — products ${report.products.created} new, ${report.products.updated} updated; ` +
        `plans ${report.plans.created} new, ${report.plans.updated} updated; ${report.prices} prices`,
    );
  }
} finally {
  await handle.close();
}
