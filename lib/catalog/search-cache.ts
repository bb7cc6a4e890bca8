import { settings } from '../config/settings';
import { TtlLru } from '../tenancy/lru';
import { onTenantChange } from '../tenancy/invalidate';

/**
 * Search results in memory, per storefront and normalised query: the queries many visitors type
 * are answered without the database, and a query being read is read once however many ask for
 * it at the same time. Any catalog, price, markup or storefront change forgets them all, on every
 * server (lib/tenancy/invalidate.ts); entries live CACHE_TTL_SECONDS at most. Bounded, so random
 * queries only push out the least recently used ones.
 */
const KEY = Symbol.for('channelfront.searchCache');
interface Store {
  generation: number;
  results: TtlLru<string, unknown>;
  reading: Map<string, Promise<unknown>>;
}

function store(): Store {
  const holder = globalThis as { [KEY]?: Store };
  holder[KEY] ??= { generation: 0, results: new TtlLru(2_000, settings().cacheTtlSeconds * 1000), reading: new Map() };
  return holder[KEY];
}

export function forgetSearches(): void {
  const s = store();
  // A read that started before the change must not put its (old) answer back.
  s.generation++;
  s.results.clear();
  s.reading.clear();
}
onTenantChange('catalog-searches', forgetSearches);

/** `key` must name the tenant and everything the result depends on. */
export async function cachedSearch<T>(key: string, load: () => Promise<T>): Promise<T> {
  const s = store();
  const hit = s.results.get(key);
  if (hit !== undefined) return hit as T;
  const pending = s.reading.get(key);
  if (pending) return pending as Promise<T>;
  const generation = s.generation;
  const reading = load().then(
    (value) => {
      if (generation === s.generation) s.results.set(key, value);
      s.reading.delete(key);
      return value;
    },
    (error: unknown) => {
      s.reading.delete(key);
      throw error;
    },
  );
  s.reading.set(key, reading);
  return reading;
}
