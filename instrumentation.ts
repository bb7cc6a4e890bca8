/**
 * Runs once when a Next.js server process starts, before it answers any request: methods Next
 * cannot serve are answered 405, settings are checked (production stops here with the list of
 * what to fix), then the database is opened.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs' || process.env.NEXT_PHASE === 'phase-production-build') return;
  const { refuseUnservableMethods } = await import('./lib/server/methods');
  refuseUnservableMethods();
  const { startServer } = await import('./lib/server/start');
  await startServer();
}
