import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Admission, loopDelay } from '@/lib/db/admission';
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
  it('runs as many requests at once as it has slots, the others in the order they asked', async () => {
    const admission = new Admission({ budgetMs: 1_000, slots: 2 });
    const order: string[] = [];
    const first = held();
    const second = held();
    const runs = [
      admission.run(async () => {
        order.push('a');
        await first.done;
      }),
      admission.run(async () => {
        order.push('b');
        await second.done;
      }),
      admission.run(async () => void order.push('c')),
      admission.run(async () => void order.push('d')),
    ];
    await Promise.resolve();
    expect(order).toEqual(['a', 'b']);
    expect(admission.waiting).toBe(2);
    first.finish();
    // a's slot goes to c, and c's to d, while b still holds the other one.
    await runs[3];
    expect(order).toEqual(['a', 'b', 'c', 'd']);
    second.finish();
    await Promise.all(runs);
  });

  it('lets background jobs wait as long as it takes, and counts them in the wait of a request, which is refused instead', async () => {
    let now = 0;
    const admission = new Admission({ budgetMs: 100, slots: 1, now: () => now });
    for (let i = 0; i < 5; i++) {
      await admission.run(async () => {
        now += 60;
      });
    }
    const holding = held();
    const running = admission.run(() => holding.done);
    // Three jobs queue behind it, the third past the budget by the estimate (about 42 ms each): none is refused.
    const jobs = ['job 1', 'job 2', 'job 3'].map((name) => admission.run(async () => name, { refuse: false }));
    expect(admission.waiting).toBe(3);
    // A request now would wait behind all three: it is refused at once.
    await expect(admission.run(async () => 'request')).rejects.toMatchObject({ code: 'overloaded' });
    // Long past twice the budget (real timers), the jobs are still waiting, not refused.
    await new Promise((r) => setTimeout(r, 250));
    expect(admission.waiting).toBe(3);
    holding.finish();
    expect(await Promise.all(jobs)).toEqual(['job 1', 'job 2', 'job 3']);
    await running;
  });

  it('refuses a newcomer at once, without running it, when the requests ahead would keep it past the budget', async () => {
    let now = 0;
    const admission = new Admission({ budgetMs: 100, slots: 1, now: () => now });
    // Requests have lately taken 400 ms each (the clock moved while they ran).
    for (let i = 0; i < 10; i++) {
      await admission.run(async () => {
        now += 400;
      });
    }
    const slow = held();
    const running = admission.run(() => slow.done);
    let ran = false;
    const refused = await admission
      .run(async () => {
        ran = true;
      })
      .catch((error: unknown) => error);
    expect(ran).toBe(false);
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
      const admission = new Admission({ budgetMs: 100, slots: 1 });
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

  it('counts how late the event loop runs in a newcomer\'s wait once every slot is taken', async () => {
    let late = 0;
    const admission = new Admission({ budgetMs: 1_000, slots: 2, delayMs: () => late });
    // A loop running late with a slot free refuses nobody (a start-up, one slow page).
    late = 5_000;
    const slow = held();
    const first = admission.run(() => slow.done);
    expect(await admission.run(async () => 'ran with a slot free')).toBe('ran with a slot free');
    const second = admission.run(() => slow.done);
    // Both slots taken and the queue empty: the loop's delay alone is past the budget.
    const refused = await admission.run(async () => 'never').catch((error: unknown) => error);
    expect(refused).toMatchObject({ code: 'overloaded', details: { retryAfterSeconds: 6 } });
    // The loop on time again, the same newcomer waits its turn instead.
    late = 0;
    const queued = admission.run(async () => 'ran after its turn');
    expect(admission.waiting).toBe(1);
    slow.finish();
    await Promise.all([first, second]);
    expect(await queued).toBe('ran after its turn');
  });

  it('notices an event loop held up while it is still held up, and forgets it within a second', async () => {
    const ticker = loopDelay();
    try {
      await new Promise((r) => setTimeout(r, 50));
      expect(ticker.delayMs()).toBeLessThan(150);
      // Held up by work that never yields, as PGlite's statements were.
      const until = performance.now() + 300;
      let during = 0;
      while (performance.now() < until) during = ticker.delayMs();
      expect(during).toBeGreaterThanOrEqual(250);
      // The next tick remembers the stretch, then the memory fades.
      await new Promise((r) => setTimeout(r, 30));
      expect(ticker.delayMs()).toBeGreaterThanOrEqual(150);
      await new Promise((r) => setTimeout(r, 1_100));
      expect(ticker.delayMs()).toBeLessThan(150);
    } finally {
      ticker.stop();
    }
  });

  it('counts a failed request as done: the next one gets its turn', async () => {
    const admission = new Admission({ budgetMs: 1_000, slots: 1 });
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
    // Every slot taken by requests that take their time (a slow vendor, say).
    const slow = held();
    const running = Array.from({ length: 8 }, () => admission.run(() => slow.done));
    try {
      const started = performance.now();
      const response = await POST(w.request(w.tenants.acme, '/api/account/profile', { cookie, body: { name: 'Anna Busy' } }));
      const waited = performance.now() - started;
      expect(response.status).toBe(503);
      expect(Number(response.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe('overloaded');
      // Refused within twice the budget (and some slack for a busy test machine), not left to hang.
      expect(waited).toBeLessThan(1_000);
      slow.finish();
      await Promise.all(running);

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

  it('lets a timer fire and a request in while statements run back to back', async () => {
    // Without a turn for the loop, PGlite's statements follow each other in promise callbacks
    // and a timer waits until the last one is done (the benchmark's seconds-long stalls).
    let ran = 0;
    let firedAfter = -1;
    const timer = setTimeout(() => (firedAfter = ran), 0);
    try {
      for (; ran < 400; ran++) await w.app.db.execute(sql`select 1`);
    } finally {
      clearTimeout(timer);
    }
    expect(firedAfter).toBeGreaterThanOrEqual(0);
    expect(firedAfter).toBeLessThan(400);
  });
});
