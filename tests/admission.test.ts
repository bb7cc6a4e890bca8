import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Admission } from '@/lib/db/admission';
import { withTenant } from '@/lib/db';
import { users } from '@/lib/db/schema';
import { DomainError } from '@/lib/errors';
import { driverName } from './helpers/db';
import { createWorld, type World } from './helpers/world';

/** A transaction that holds its turn until told to finish. */
function held() {
  let finish!: () => void;
  const done = new Promise<void>((resolve) => (finish = resolve));
  return { done, finish };
}

describe('admission to the embedded database', () => {
  it('runs transactions one at a time, in the order they asked', async () => {
    const admission = new Admission({ budgetMs: 1_000 });
    const order: string[] = [];
    const first = held();
    const runs = [
      admission.run(async () => {
        order.push('a start');
        await first.done;
        order.push('a end');
      }),
      admission.run(async () => void order.push('b')),
      admission.run(async () => void order.push('c')),
    ];
    await Promise.resolve();
    expect(order).toEqual(['a start']);
    expect(admission.waiting).toBe(2);
    first.finish();
    await Promise.all(runs);
    expect(order).toEqual(['a start', 'a end', 'b', 'c']);
  });

  it('refuses a newcomer at once when the transactions ahead of it would keep it past the budget', async () => {
    let now = 0;
    const admission = new Admission({ budgetMs: 100, now: () => now });
    // Transactions have lately taken 400 ms each (the clock moved while they ran).
    for (let i = 0; i < 10; i++) {
      await admission.run(async () => {
        now += 400;
      });
    }
    const slow = held();
    const running = admission.run(() => slow.done);
    const refused = await admission.run(async () => 'ran').catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(DomainError);
    expect((refused as DomainError<'overloaded'>).code).toBe('overloaded');
    expect((refused as DomainError<'overloaded'>).details?.retryAfterSeconds).toBe(1);
    expect(admission.waiting).toBe(0);
    slow.finish();
    await running;
    // The load gone, the next one runs.
    expect(await admission.run(async () => 'ran')).toBe('ran');
  });

  it('gives up on a waiter still queued after twice the budget, and the queue goes on without it', async () => {
    vi.useFakeTimers();
    try {
      const admission = new Admission({ budgetMs: 100 });
      const slow = held();
      const running = admission.run(() => slow.done);
      const waiting = admission.run(async () => 'ran').catch((error: unknown) => error);
      await vi.advanceTimersByTimeAsync(199);
      expect(admission.waiting).toBe(1);
      await vi.advanceTimersByTimeAsync(1);
      expect(((await waiting) as DomainError).code).toBe('overloaded');
      expect(admission.waiting).toBe(0);
      slow.finish();
      await running;
      expect(await admission.run(async () => 'ran')).toBe('ran');
    } finally {
      vi.useRealTimers();
    }
  });

  it('counts a failed transaction as done: the next one gets its turn', async () => {
    const admission = new Admission({ budgetMs: 1_000 });
    await expect(admission.run(async () => Promise.reject(new Error('rolled back')))).rejects.toThrow('rolled back');
    expect(await admission.run(async () => 'ran')).toBe('ran');
  });
});

// On a server the pool queues, and there is no admission to replace.
describe.runIf(!process.env.DATABASE_URL)(`the embedded database under more load than it carries (${driverName})`, () => {
  let w: World;
  beforeAll(async () => {
    w = await createWorld();
  }, 60_000);
  afterAll(async () => w?.drop());

  it('refuses a request quickly with 503 and Retry-After, changes nothing, and serves it once the load is gone', async () => {
    const { POST } = await import('@/app/api/account/profile/route');
    const cookie = await w.cookieFor(w.tenants.acme, 'anna@contoso.test');
    const admission = w.app.admission!;
    expect(admission, 'every embedded database is opened with an admission').toBeInstanceOf(Admission);
    const shipped = admission.budgetMs;
    admission.budgetMs = 100;
    // A long transaction (a big import, say) holds the one connection meanwhile.
    const slow = held();
    try {
      const running = withTenant(w.app.db, w.tenants.acme.id, () => slow.done);
      const started = performance.now();
      const response = await POST(w.request(w.tenants.acme, '/api/account/profile', { cookie, body: { name: 'Anna Busy' } }));
      const waited = performance.now() - started;
      expect(response.status).toBe(503);
      expect(Number(response.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe('overloaded');
      // Refused within twice the budget (and some slack for a busy test machine), not left to hang.
      expect(waited).toBeLessThan(1_000);
      slow.finish();
      await running;

      const name = async () => (await w.db.select({ name: users.name }).from(users).where(and(eq(users.tenantId, w.tenants.acme.id), eq(users.email, 'anna@contoso.test'))))[0]!.name;
      expect(await name()).not.toBe('Anna Busy');
      const again = await POST(w.request(w.tenants.acme, '/api/account/profile', { cookie, body: { name: 'Anna Busy' } }));
      expect(again.status).toBe(200);
      expect(await name()).toBe('Anna Busy');
    } finally {
      slow.finish();
      admission.budgetMs = shipped;
    }
  });
});
