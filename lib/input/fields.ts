import { z } from 'zod';

/**
 * Fields every entry point reads the same way. A settings form is saved as a whole, so a field it
 * does not send is refused ("missing"), never read as empty, off or zero: a script or an old tab
 * posting half a form must not wipe the other half. Forms therefore send every field, a checkbox
 * included (`<Checkbox>` puts a hidden "off" before it, which the box overrides when ticked).
 */

const ON = new Set<unknown>([true, 'on', 'true']);
const OFF = new Set<unknown>([false, 'off', 'false']);

/** A checkbox: on/off, true/false (a form's hidden "off" followed by the box's "on"). Missing is refused. */
export const checkbox = z.custom<unknown>((v) => ON.has(v) || OFF.has(v), { error: (issue) => (issue.input === undefined ? 'missing' : 'must be on or off') }).transform((v) => ON.has(v));

const DIGITS = /^[0-9]{1,15}$/;

/**
 * A whole number as a person writes it: decimal digits, or a JSON integer. `true`, `[1]`, `0x10`,
 * `1e3`, `" 7 "` and `7.0` are refused rather than guessed at.
 */
export function wholeNumber(options: { min: number; max: number; what: string }) {
  const { min, max, what } = options;
  return z
    .custom<string | number>((v) => (typeof v === 'number' && Number.isSafeInteger(v)) || (typeof v === 'string' && DIGITS.test(v)), {
      error: (issue) => (issue.input === undefined ? 'missing' : `enter ${what} as a whole number such as ${Math.max(min, 1)}`),
    })
    .transform(Number)
    .pipe(z.number().min(min, `at least ${min}`).max(max, `at most ${max.toLocaleString('en')}`));
}

/** Whether a zod issue says a field was not sent at all (as opposed to sent with a wrong value). */
export function isMissing(issue: z.core.$ZodIssue): boolean {
  return issue.message === 'missing' || (issue.code === 'invalid_type' && / received undefined$/.test(issue.message));
}

/**
 * The same error with every issue about a field the body did not carry at all reworded as
 * "missing", whatever message its schema gives a wrong value ("choose an invoice"): a client
 * told a field is missing knows to send it, where "invalid option" would send it looking.
 */
export function namingMissing(error: z.ZodError, fields: Record<string, unknown>): z.ZodError {
  const absent = (path: PropertyKey[]) => {
    let value: unknown = fields;
    for (const key of path) {
      if (!value || typeof value !== 'object' || !Object.hasOwn(value, key)) return true;
      value = (value as Record<PropertyKey, unknown>)[key];
    }
    return value === undefined;
  };
  // Only issues a left-out value can cause: a list made empty by the schema itself ("enable at
  // least one language") keeps its own message.
  const aboutAbsence = new Set(['invalid_type', 'invalid_value', 'invalid_union']);
  return new z.ZodError(error.issues.map((issue) => (aboutAbsence.has(issue.code) && issue.path.length && absent(issue.path) ? { ...issue, message: 'missing' } : issue)));
}
