import { DomainError } from '../errors';

const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
const FIELD_MAX = 10_000;

export type BodyKind = 'form' | 'json';

// A text body in another charset would be read wrongly as UTF-8, so it is refused instead.
const OTHER_CHARSET = /;\s*charset\s*=\s*"?(?!utf-?8\b)[^;"\s]+/i;
// Half of a UTF-16 pair on its own: JSON may spell one (`"\ud800"`), but no text holds one, and
// PostgreSQL would store it mangled.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** What kind of body a request carries; anything but a form or JSON in UTF-8 is refused (415). */
export function bodyKind(headers: Headers): BodyKind {
  const type = (headers.get('content-type') ?? '').toLowerCase();
  const kind = type.startsWith('application/x-www-form-urlencoded') || type.startsWith('multipart/form-data') ? 'form' : type.startsWith('application/json') || type === '' ? 'json' : null;
  if (!kind) throw new DomainError('unsupported_media_type', 'Send the request as a form (application/x-www-form-urlencoded) or as JSON (application/json).');
  if (!type.startsWith('multipart/') && OTHER_CHARSET.test(type)) throw new DomainError('unsupported_media_type', 'Send the request in UTF-8 (charset=utf-8, or no charset at all).');
  return kind;
}

/** The body's bytes as UTF-8 text; bytes that are not UTF-8 are refused (400), never replaced with "�". */
export function utf8(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new DomainError('bad_request', 'The request body is not valid UTF-8.');
  }
}

/** The body's bytes, refusing (413) more than `max` whether or not Content-Length says so. */
export async function readLimited(request: Request, max: number): Promise<Uint8Array<ArrayBuffer>> {
  const declared = Number(request.headers.get('content-length') ?? NaN);
  if (declared > max) throw new DomainError('payload_too_large', `The request body is larger than ${max} bytes.`);
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel().catch(() => {});
      throw new DomainError('payload_too_large', `The request body is larger than ${max} bytes.`);
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return bytes;
}

/**
 * Reads a form or JSON body into plain fields, within `max` bytes; a malformed body is 400.
 * Check the fields with `assertCleanText` before use.
 */
export async function readFields(
  request: Request,
  max: number,
  fileField?: string,
): Promise<{ kind: BodyKind; fields: Record<string, unknown>; file?: Uint8Array }> {
  const kind = bodyKind(request.headers);
  const bytes = await readLimited(request, max);
  let fields: Record<string, unknown>;
  let file: Uint8Array | undefined;
  const type = request.headers.get('content-type') ?? '';
  // Multipart bodies carry files, which are bytes of any kind; their text fields are checked below.
  if (!type.toLowerCase().startsWith('multipart/')) utf8(bytes);
  if (kind === 'form') {
    let form: FormData;
    try {
      form = await new Response(bytes as Uint8Array<ArrayBuffer>, { headers: { 'content-type': request.headers.get('content-type') ?? '' } }).formData();
    } catch {
      throw new DomainError('bad_request', 'The form data could not be read (a multipart body needs its boundary).');
    }
    fields = {};
    for (const [key, value] of form) {
      if (typeof value === 'string') fields[key] = value;
      else if (key === fileField && !file) file = new Uint8Array(await value.arrayBuffer());
      else fields[key] = '';
    }
  } else {
    const text = utf8(bytes);
    if (!text.trim()) fields = {};
    else {
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        throw new DomainError('invalid_json', 'The request body must be JSON.');
      }
      if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new DomainError('invalid_json', 'The request body must be a JSON object.');
      fields = parsed as Record<string, unknown>;
    }
  }
  return { kind, fields, ...(file ? { file } : {}) };
}

const MAX_DEPTH = 20;
const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** The longest text a long-form field (`longFields`: a content page's Markdown) may hold. */
export const LONG_FIELD_MAX = 50_000;

/**
 * Refuses control characters, oversized strings and absurd nesting anywhere in a parsed body. Top-level
 * fields named in `longFields` may hold up to LONG_FIELD_MAX characters instead of FIELD_MAX.
 */
export function assertCleanText(value: unknown, path = '', depth = 0, longFields: readonly string[] = []): void {
  if (depth > MAX_DEPTH) throw new DomainError('invalid_input', `${path || 'body'}: nested deeper than ${MAX_DEPTH} levels.`, { fields: [`${path || 'body'}: too deeply nested`] });
  if (typeof value === 'string') {
    const name = path || 'body';
    if (CONTROL.test(value)) throw new DomainError('invalid_input', `${name}: contains control characters; remove them and try again.`, { fields: [`${name}: contains control characters`] });
    if (LONE_SURROGATE.test(value)) throw new DomainError('invalid_input', `${name}: contains a broken character (half of a UTF-16 pair); retype it and try again.`, { fields: [`${name}: contains a broken character`] });
    const max = depth === 1 && longFields.includes(path) ? LONG_FIELD_MAX : FIELD_MAX;
    if (value.length > max) throw new DomainError('invalid_input', `${name}: is longer than ${max} characters.`, { fields: [`${name}: too long`] });
    return;
  }
  if (Array.isArray(value)) value.forEach((v, i) => assertCleanText(v, `${path}[${i}]`, depth + 1));
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      // No field of ours is called so; a body that names one is trying to reach an object's prototype.
      if (PROTOTYPE_KEYS.has(k)) throw new DomainError('invalid_input', `${path ? `${path}.` : ''}${k}: is not a field name this accepts.`, { fields: [`${path ? `${path}.` : ''}${k}: not accepted`] });
      assertCleanText(v, path ? `${path}.${k}` : k, depth + 1, longFields);
    }
  }
}
