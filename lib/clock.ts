const KEY = Symbol.for('channelfront.clock');
type Holder = { [KEY]?: () => Date };

/**
 * The time as the app's entry points see it. Tests move it (setClock) to drive subscriptions
 * through windows, renewals and reminders; in a running server it is the system clock.
 */
export function now(): Date {
  const clock = (globalThis as Holder)[KEY];
  return clock ? clock() : new Date();
}

export function setClock(clock: (() => Date) | undefined): void {
  if (clock) (globalThis as Holder)[KEY] = clock;
  else delete (globalThis as Holder)[KEY];
}
