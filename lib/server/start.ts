import { settings } from '../config/settings';
import { isDomainError } from '../errors';
import { getDb, getDbHandle, setEmbeddedSetup } from '../db';
import type { Db, DbHandle } from '../db/client';
import { installClientAddress } from '../http/client-address';
import { schedulePurge } from '../identity/housekeeping';
import { seedDemo } from '../seed/demo';
import { beforeAnythingIsCached, listenForTenantChanges } from '../tenancy/invalidate';

/**
 * Start-up of a server process. Anything wrong with the configuration or the database role stops
 * the process with a message that says what to fix, rather than failing on the first request.
 */
export async function startServer(): Promise<void> {
  let config;
  try {
    config = settings();
  } catch (error) {
    if (isDomainError(error, 'settings_invalid')) stop(error.message);
    throw error;
  }
  await installClientAddress(config.trustedProxyHops);
  // Demo data only ever comes from `npm run dev` on a new embedded database (or `npm run db:seed`).
  if (process.env.NODE_ENV === 'development' && !config.databaseUrl) setEmbeddedSetup(seedIfEmpty);
  try {
    const handle = await getDbHandle();
    await listenForTenantChanges(handle);
    await startJobs(handle, { workers: config.jobsInProcess });
  } catch (error) {
    stop(`Channelfront cannot start: ${error instanceof Error ? error.message : String(error)}`);
  }
  schedulePurge(getDb);
}

/**
 * The job queue: every server enqueues; by default each also works the jobs (JOBS_IN_PROCESS=false
 * leaves that to `npm run worker`). The queue lives in the same database, so nothing else to run.
 */
export async function startJobs(handle: DbHandle, options: { workers: boolean }): Promise<void> {
  const { openQueue, setQueue } = await import('../jobs');
  const queue = openQueue(handle, { supervise: options.workers });
  setQueue(queue);
  const boss = await queue;
  if (options.workers) {
    const { startWorkers } = await import('./workers');
    const { defaultConnectors } = await import('./connectors');
    await startWorkers(boss, { db: handle.db, connectors: defaultConnectors(handle.db), now: () => new Date(), ...(handle.admission ? { admission: handle.admission } : {}) });
  }
}

async function seedIfEmpty(db: Db): Promise<void> {
  const { tenants } = await import('../db/schema');
  const [any] = await db.select({ id: tenants.id }).from(tenants).limit(1);
  if (!any) await beforeAnythingIsCached(() => seedDemo(db));
}

function stop(message: string): never {
  console.error(`\n${message}\n`);
  process.exit(1);
}
