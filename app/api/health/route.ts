import { getDbHandle, ping } from '@/lib/db';

export const dynamic = 'force-dynamic';

/** Liveness and database status for load balancers and monitoring; names no tenant. */
export async function GET() {
  const started = performance.now();
  try {
    const handle = await getDbHandle();
    await ping(handle);
    const latencyMs = Math.round((performance.now() - started) * 10) / 10;
    return Response.json(
      { status: 'ok', database: { status: 'ok', driver: handle.driver, latencyMs } },
      { headers: { 'cache-control': 'no-store' } },
    );
  } catch (error) {
    console.error('health: database check failed', error);
    return Response.json(
      { status: 'error', database: { status: 'error', message: 'The database is not reachable.' } },
      { status: 503, headers: { 'cache-control': 'no-store' } },
    );
  }
}
