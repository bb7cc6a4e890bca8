import { z } from 'zod';

/** A day as the portal's date inputs send it; February 30th is not one. */
export const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date such as 2026-01-31')
  .refine((v) => {
    const date = new Date(`${v}T00:00:00Z`);
    // February 30th parses as March 2nd: a real date reads back as itself.
    return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(v);
  }, 'must be a real date');

export const id = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'is not one of the choices');

/** An empty form field is no filter. */
export const optional = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === '' ? undefined : v), schema.optional());

/** The first day after `to` (a whole day, in UTC like every date the portal shows). */
export const dayAfter = (to: string) => new Date(Date.parse(`${to}T00:00:00Z`) + 86_400_000);
export const startOf = (from: string) => new Date(`${from}T00:00:00Z`);

/**
 * A list's filters from a query string: the valid ones apply, each invalid one is named (and left
 * out) rather than guessed at.
 */
export function parseFilters<S extends z.ZodType<Record<string, unknown>>>(
  schema: S,
  keys: readonly string[],
  search: Record<string, string | string[] | undefined>,
): { filter: z.output<S>; problems: string[] } {
  const one = (k: string) => (Array.isArray(search[k]) ? search[k]?.[0] : search[k]);
  let raw: Record<string, unknown> = Object.fromEntries(keys.map((k) => [k, one(k)]));
  const problems: string[] = [];
  // Field checks run before the checks across fields (a date range): drop what failed and try
  // again, so every problem is named and every good filter still applies.
  for (let round = 0; round <= keys.length; round++) {
    const parsed = schema.safeParse(raw);
    if (parsed.success) return { filter: parsed.data, problems };
    problems.push(...parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
    const bad = new Set(parsed.error.issues.map((i) => String(i.path[0])));
    raw = Object.fromEntries(Object.entries(raw).filter(([k]) => !bad.has(k)));
  }
  return { filter: {} as z.output<S>, problems };
}
