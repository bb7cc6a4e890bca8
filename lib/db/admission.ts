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
 */
export interface AdmissionOptions {
  /** The longest a request should wait for its turn, in milliseconds. */
  budgetMs: number;
  /** How many requests use the database at once. */
  slots: number;
  /** Milliseconds since some fixed point; injectable so tests can move time. */
  now?: () => number;
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

  /** The budget in force (AdmissionOptions.budgetMs); a test may lower it on a running database. */
  budgetMs: number;

  constructor(options: AdmissionOptions) {
    this.budgetMs = options.budgetMs;
    this.slots = Math.max(1, options.slots);
    this.now = options.now ?? (() => performance.now());
  }

  /** How long a request asking now would wait, by the estimate. */
  expectedWaitMs(): number {
    return this.active < this.slots ? 0 : ((this.queue.length + 1) * this.averageMs) / this.slots;
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

function overloaded(waitMs: number): DomainError<'overloaded'> {
  return new DomainError('overloaded', undefined, { retryAfterSeconds: Math.min(60, Math.max(1, Math.ceil(waitMs / 1000))) });
}
