// `npm run worker`: the background jobs (provisioning, order mails, payment reconciliation) in a
// process of their own, for deployments that run app servers with JOBS_IN_PROCESS=false.
import { settings } from '../lib/config/settings';
import { getDbHandle } from '../lib/db';
import { startJobs } from '../lib/server/start';

async function main() {
  if (!settings().databaseUrl) {
    // Two processes on one PGlite directory silently lose writes (it has no lock).
    throw new Error('a separate worker needs DATABASE_URL (PostgreSQL): with the embedded database the app server runs the jobs itself.');
  }
  const handle = await getDbHandle();
  await startJobs(handle, { workers: true });
  console.log('worker: processing jobs');
  const stop = async () => {
    const { getQueue } = await import('../lib/jobs');
    await (await getQueue()).stop({ graceful: true, timeout: 20_000 });
    await handle.close();
    process.exit(0);
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((error) => {
  console.error(`worker: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
