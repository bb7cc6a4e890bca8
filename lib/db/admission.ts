import { DomainError } from '../errors';

/**
 * The embedded PGlite runs one statement at a time, on the app's own thread. Under more load than
 * it can carry, every request's statements join one queue, each of them behind all the others, so
 * every request slows down together until clients give up (a benchmark saw 490 of 4,000 orders
 * time out after 10 s). This admits requests that use the database a few at a time (`slots`), in
 * order, and refuses a newcomer at once, with `overloaded` (503 and a Retry-After), when the wait it
 * would have — the requests ahead of it, times how long one has lately taken, shared among the
 * slots — exceeds the budget. A request still queued after twice the budget is refused as well, so
 * none waits much longer than that whatever the estimate said. A refused request has done nothing:
 * it is refused before it reads or writes. A PostgreSQL server has its own pool and none of this.
 *
 * The queue is not the only place a request waits. PGlite answers in promise callbacks, so while
 * statements are queued the thread runs them back to back and reads no new request, fires no timer:
 * under the benchmark's overload, requests waited seconds before they reached this queue, which
 * stayed empty, and some timed out though none was ever refused. So the wait a newcomer is told
 * includes how late the event loop is running (`delayMs`, from a ticker that notices even while it is
 * held up), and a PGlite statement lets the loop take a turn first when it has had none for a few
 * milliseconds (lib/db/client.ts).
 */
export interface AdmissionOptions {
  /** The longest a request should wait for its turn, in milliseconds. */
  budgetMs: number;
  /** How many requests use the database at once. */
  slots: number;
  /** Milliseconds since some fixed point; injectable so tests can move time. */
  now?: () => number;
  /** How late the event loop is running, in milliseconds; by default measured (`loopDelay`). */
  delayMs?: () => number;
}

interface Waiter {
  admit: () => void;
  refuse: (error: Error) => void;
  timer: ReturnType<typeof setTimeout> | null;
}

// How quickly the estimate of a request's duration follows the recent ones.
const SMOOTHING = 0.2;

export class Admission {
  private active = 0;
  private readonly queue: Waiter[] = [];
  /** Recent requests' duration, smoothed; starts low so that a cold start refuses nothing. */
  private averageMs = 5;
  private readonly now: () => number;
  private readonly slots: number;
  private readonly delayMs: () => number;
  private readonly stopDelay: () => void;

  /** The budget in force (AdmissionOptions.budgetMs); a test may lower it on a running database. */
  budgetMs: number;

  constructor(options: AdmissionOptions) {
    this.budgetMs = options.budgetMs;
    this.slots = Math.max(1, options.slots);
    this.now = options.now ?? (() => performance.now());
    if (options.delayMs) {
      this.delayMs = options.delayMs;
      this.stopDelay = () => {};
    } else {
      const ticker = loopDelay();
      this.delayMs = ticker.delayMs;
      this.stopDelay = ticker.stop;
    }
  }

  /**
   * How long a request asking now would wait, by the estimate: nothing while a slot is free;
   * otherwise the loop's delay and the queue ahead. (A late loop with a slot free is a start-up or
   * one slow page, not a crowd, and refuses nobody.)
   */
  expectedWaitMs(): number {
    if (this.active < this.slots) return 0;
    return this.delayMs() + ((this.queue.length + 1) * this.averageMs) / this.slots;
  }

  /** Stops measuring the event loop (the database is closing). */
  close(): void {
    this.stopDelay();
  }

  get waiting(): number {
    return this.queue.length;
  }

  /**
   * Runs `fn` once a slot is free, or refuses it as `overloaded` without running it. Background
   * work (`refuse: false`) is never refused: it waits its turn, and counts in the wait a request
   * would have, so that requests are refused rather than left to time out behind it.
   */
  async run<T>(fn: () => Promise<T>, options: { refuse?: boolean } = {}): Promise<T> {
    await this.enter(options.refuse ?? true);
    const started = this.now();
    try {
      return await fn();
    } finally {
      this.averageMs += SMOOTHING * (this.now() - started - this.averageMs);
      this.leave();
    }
  }

  private enter(refusable: boolean): Promise<void> {
    if (this.active < this.slots) {
      this.active++;
      return Promise.resolve();
    }
    const wait = this.expectedWaitMs();
    if (refusable && wait > this.budgetMs) return Promise.reject(overloaded(wait));
    return new Promise<void>((admit, refuse) => {
      const waiter: Waiter = {
        admit,
        refuse,
        timer: refusable ? setTimeout(() => {
          const at = this.queue.indexOf(waiter);
          if (at === -1) return;
          this.queue.splice(at, 1);
          refuse(overloaded(this.expectedWaitMs()));
        }, 2 * this.budgetMs) : null,
      };
      this.queue.push(waiter);
    });
  }

  private leave(): void {
    const next = this.queue.shift();
    if (!next) {
      this.active--;
      return;
    }
    // The slot passes straight to the next in line.
    if (next.timer) clearTimeout(next.timer);
    next.admit();
  }
}

const TICK_MS = 20;

/**
 * How late the event loop runs: a ticker every TICK_MS notes how late it fired, and the time since
 * it last fired counts as well, so that a caller running while the loop is held up (in promise
 * callbacks, where no timer fires) sees the delay as it grows rather than after it. A late tick is
 * remembered for a second, fading, so that one quick tick between long stretches does not read as
 * a loop at rest.
 */
export function loopDelay(now: () => number = () => performance.now()): { delayMs: () => number; stop: () => void } {
  let last = now();
  let late = 0;
  let lateAt = last;
  const remembered = (at: number) => late * Math.max(0, 1 - (at - lateAt) / 1_000);
  const timer = setInterval(() => {
    const at = now();
    const lateness = Math.max(0, at - last - TICK_MS);
    if (lateness >= remembered(at)) {
      late = lateness;
      lateAt = at;
    }
    last = at;
  }, TICK_MS);
  timer.unref();
  return {
    delayMs: () => {
      const at = now();
      return Math.max(remembered(at), at - last - TICK_MS, 0);
    },
    stop: () => clearInterval(timer),
  };
}

function overloaded(waitMs: number): DomainError<'overloaded'> {
  return new DomainError('overloaded', undefined, { retryAfterSeconds: Math.min(60, Math.max(1, Math.ceil(waitMs / 1000))) });
}
