import { z } from 'zod';

/** The one error type of the public API; `toResponse` is the one mapping to HTTP. */
export class ApiError extends Error {
  constructor(
    public readonly status: number,
    public readonly code: string,
    message: string,
    public readonly details?: string[],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export function toResponse(error: unknown): Response {
  if (error instanceof ApiError) {
    return Response.json({ error: { code: error.code, message: error.message, ...(error.details ? { details: error.details } : {}) } }, { status: error.status });
  }
  if (error instanceof z.ZodError) {
    const details = error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`);
    return Response.json({ error: { code: 'invalid_input', message: 'The request body is not valid.', details } }, { status: 422 });
  }
  console.error('api: unexpected error', error);
  return Response.json({ error: { code: 'internal', message: 'Something went wrong on our side. Please try again.' } }, { status: 500 });
}
