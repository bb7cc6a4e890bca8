import { DomainError } from '../errors';

/**
 * The embedded PGlite runs one transaction at a time, on the app's own thread. Under more load than
 * it can carry, every request joins one queue and waits longer the longer it gets, until clients
 * give up (a benchmark saw 490 of 4,000 orders time out after 10 s). This admits transactions in
 * order and refuses a newcomer at once, with `overloaded` (503 and a Retry-After), when the wait it
 * would have — the transactions ahead of it times how long one has lately taken — exceeds the
 * budget. A waiter that is still queued after twice the budget is refused as well, so no request
 * waits much longer than that, whatever the estimate said. A PostgreSQL server has its own pool
 * and none of this.
 */
export interface AdmissionOptions {
  /** The longest a transaction should wait to begin, in milliseconds. */
  budgetMs: number;
  /** Milliseconds since some fixed point; injectable so tests can move time. */
  now?: () => number;
}

interface Waiter {
  admit: () => void;
  refuse: (error: Error) => void;
  timer: ReturnType<typeof setTimeout> | null;
}

// How quickly the estimate of a transaction's duration follows the recent ones.
const SMOOTHING = 0.2;

export class Admission {
  private busy = false;
  private readonly queue: Waiter[] = [];
  /** Recent transactions' duration, smoothed; starts low so that a cold start refuses nothing. */
  private averageMs = 5;
  private readonly now: () => number;

  /** The budget in force (AdmissionOptions.budgetMs); a test may lower it on a running database. */
  budgetMs: number;

  constructor(options: AdmissionOptions) {
    this.budgetMs = options.budgetMs;
    this.now = options.now ?? (() => performance.now());
  }

  /** How long a transaction asking now would wait, by the estimate. */
  expectedWaitMs(): number {
    return (this.queue.length + (this.busy ? 1 : 0)) * this.averageMs;
  }

  get waiting(): number {
    return this.queue.length;
  }

  /**
   * Runs `fn` once the transactions ahead of it are done, or refuses it as `overloaded`. The job
   * queue's statements are not refused (`refusable: false`): they wait, and count in the wait of
   * those behind them.
   */
  async run<T>(fn: () => Promise<T>, options: { refusable?: boolean } = {}): Promise<T> {
    await this.enter(options.refusable ?? true);
    const started = this.now();
    try {
      return await fn();
    } finally {
      this.averageMs += SMOOTHING * (this.now() - started - this.averageMs);
      this.leave();
    }
  }

  private enter(refusable: boolean): Promise<void> {
    if (!this.busy) {
      this.busy = true;
      return Promise.resolve();
    }
    const wait = this.expectedWaitMs();
    if (refusable && wait > this.budgetMs) return Promise.reject(overloaded(wait));
    return new Promise<void>((admit, refuse) => {
      const waiter: Waiter = {
        admit,
        refuse,
        timer: !refusable ? null : setTimeout(() => {
          const at = this.queue.indexOf(waiter);
          if (at === -1) return;
          this.queue.splice(at, 1);
          refuse(overloaded(this.expectedWaitMs()));
        }, 2 * this.budgetMs),
      };
      this.queue.push(waiter);
    });
  }

  private leave(): void {
    const next = this.queue.shift();
    if (!next) {
      this.busy = false;
      return;
    }
    if (next.timer) clearTimeout(next.timer);
    next.admit();
  }
}

function overloaded(waitMs: number): DomainError<'overloaded'> {
  return new DomainError('overloaded', undefined, { retryAfterSeconds: Math.min(60, Math.max(1, Math.ceil(waitMs / 1000))) });
}

/**
 * The embedded client as drizzle sees it: every statement and transaction it sends takes its turn
 * here first. (Inside a transaction drizzle uses the transaction's own client, which is not held up
 * again.) The job queue's client waits its turn without being refused (`refusable: false`).
 */
export function admitted<C extends object>(client: C, admission: Admission, options: { refusable?: boolean } = {}): C {
  const gated = new Set<PropertyKey>(['query', 'exec', 'transaction']);
  return new Proxy(client, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property, target);
      if (typeof value !== 'function') return value;
      // PGlite keeps its state in private fields, which only the client itself may be `this` for.
      if (!gated.has(property)) return value.bind(target);
      return (...args: unknown[]) => admission.run(() => (value as (...a: unknown[]) => Promise<unknown>).apply(target, args), options);
    },
  });
}
