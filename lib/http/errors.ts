import { z } from 'zod';
import { DomainError, ERRORS, invalidInput, type ErrorCode } from '../errors';
import { isMissing } from '../input/fields';

export interface ErrorBody {
  status: number;
  code: ErrorCode;
  message: string;
  /** What was refused, one line each ("field: problem"), for a person to read. */
  details?: string[];
  /** The code's named details (lib/errors.ts `ErrorDetails`), for a program to use. */
  values?: Record<string, unknown>;
}

/** Anything thrown as a DomainError: zod's refusals name their fields; the unknown is logged, never shown. */
export function toDomainError(error: unknown): DomainError {
  if (error instanceof DomainError) return error;
  if (error instanceof z.ZodError) {
    // A field not sent at all is named as missing: it is never taken as empty (lib/input/fields.ts).
    const fields = error.issues.map((i) => `${i.path.join('.') || 'input'}: ${isMissing(i) ? 'missing (send it; an empty value clears it)' : i.message}`);
    return invalidInput(`Some of the input is not valid: ${fields.join('; ')}`, fields);
  }
  console.error('unexpected error', error);
  return new DomainError('internal');
}

const fieldsOf = (details: object): string[] | null => ('fields' in details && Array.isArray(details.fields) ? (details.fields as string[]) : null);

/** The one mapping from anything thrown to what a client is told: the code's status, message and details. */
export function describeError(error: unknown): ErrorBody {
  const e = toDomainError(error);
  const details = e.details ? fieldsOf(e.details) : null;
  const values = e.details && !details ? { ...e.details } : null;
  return { status: ERRORS[e.code].status, code: e.code, message: e.message, ...(details ? { details } : {}), ...(values ? { values } : {}) };
}

/**
 * The details as a form's redirect carries them back to its page (`?error=<code>&details=…`): the
 * lines of refused fields as text, named details as JSON (read back by lib/i18n/errors.ts).
 */
export function detailsParam(body: ErrorBody): string | undefined {
  if (body.details) return body.details.join('; ');
  if (body.code === 'invalid_input') return body.message;
  return body.values ? JSON.stringify(body.values) : undefined;
}

/** Headers an error's answer carries beyond its body: when to ask again, for a server too busy to answer now. */
export function errorHeaders(body: ErrorBody): Record<string, string> {
  const after = body.values?.retryAfterSeconds;
  return typeof after === 'number' ? { 'retry-after': String(after) } : {};
}

export function errorResponse(error: unknown, headers?: HeadersInit): Response {
  const { status, ...body } = describeError(error);
  const all = new Headers(headers);
  for (const [name, value] of Object.entries(errorHeaders({ status, ...body }))) all.set(name, value);
  return Response.json({ error: body }, { status, headers: all });
}
