import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { driverName } from './helpers/db';
import { jsonRequest, requestFor, ROUTE_CASES, routeHandlers, type RouteCase } from './helpers/route-cases';
import { changedTables, snapshot } from './helpers/snapshot';
import { createWorld, type World } from './helpers/world';

/**
 * A bounded fuzz of every route handler under app/api, as a careless client or an attacker would
 * send: broken bytes and encodings, wrong content types, broken multipart, oversized and deeply
 * nested bodies, prototype-pollution keys, wrong types and missing fields. Whatever comes in, the
 * answer is never a 5xx, and a refusal (4xx) leaves every stored row as it was.
 */
let w: World;
const handlers = (await routeHandlers()).filter((h) => ROUTE_CASES[h.key] && !ROUTE_CASES[h.key]!.serverOnly);
// Runs per route of the generated part (the fixed attacks below come on top); fixed seed, so a
// failure is reproducible with the seed and path fast-check prints. On Citus, where each snapshot
// asks every shard of every table, the body-level attacks (refused before any query, the same on
// every database: proven on PGlite and PostgreSQL) are left out and fewer mutations run.
const CITUS = !!process.env.CITUS_CLUSTER;
const RUNS = CITUS ? 6 : 10;

beforeAll(async () => {
  w = await createWorld();
}, 60_000);
afterAll(async () => w?.drop());

const utf8 = (text: string) => new TextEncoder().encode(text);
// Each route gets mutations of its own, the same on every run.
const seedOf = (key: string) => [...key].reduce((h, c) => (h * 31 + c.charCodeAt(0)) | 0, 7);
const deep = (n: number) => `{"x":${'['.repeat(n)}${']'.repeat(n)}}`;

/** Body-level attacks: the same for every route, whatever its fields. */
function fixedAttacks(sample: Record<string, unknown>): { label: string; body: BodyInit | null; contentType: string | null }[] {
  const json = JSON.stringify(sample);
  const form = new URLSearchParams(Object.entries(sample).map(([k, v]) => [k, String(v)])).toString();
  return [
    { label: 'invalid UTF-8 in JSON', body: new Uint8Array([0x7b, 0x22, 0x6e, 0xff, 0xfe, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0x22, 0x7d]), contentType: 'application/json' },
    { label: 'invalid UTF-8 in a form', body: new Uint8Array([...utf8('name='), 0xff, 0xc0, 0x80]), contentType: 'application/x-www-form-urlencoded' },
    { label: 'an escaped NUL in every JSON string', body: JSON.stringify(Object.fromEntries(Object.entries(sample).map(([k, v]) => [k, typeof v === 'string' ? `${v}\u0000` : v]))), contentType: 'application/json' },
    { label: 'a NUL in every form field', body: `${form}&${Object.keys(sample).map((k) => `${k}=%00`).join('&')}`, contentType: 'application/x-www-form-urlencoded' },
    { label: 'lone surrogates', body: JSON.stringify(Object.fromEntries(Object.entries(sample).map(([k, v]) => [k, typeof v === 'string' ? '\ud800x\udfff' : v]))), contentType: 'application/json' },
    { label: 'a lone surrogate escaped in JSON text', body: json.replace(/^\{/, '{"zz":"\\ud800",'), contentType: 'application/json' },
    { label: 'broken %-escapes in a form', body: `${form}&x=%zz&%E0%A4%A=1`, contentType: 'application/x-www-form-urlencoded' },
    { label: 'an oversized body', body: JSON.stringify({ ...sample, pad: 'x'.repeat(12 * 1024 * 1024) }), contentType: 'application/json' },
    { label: 'a text/plain body', body: json, contentType: 'text/plain' },
    { label: 'an XML body', body: '<a>1</a>', contentType: 'application/xml' },
    { label: 'JSON declared as UTF-16', body: json, contentType: 'application/json; charset=utf-16' },
    { label: 'multipart without its boundary', body: '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--x--', contentType: 'multipart/form-data' },
    { label: 'broken multipart', body: '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--y', contentType: 'multipart/form-data; boundary=x' },
    { label: 'multipart with a file in every field', body: multipartWithFiles(sample), contentType: 'multipart/form-data; boundary=fuzzfuzz' },
    { label: 'deeply nested JSON', body: deep(50_000), contentType: 'application/json' },
    { label: 'JSON that is not an object', body: '[1,2,3]', contentType: 'application/json' },
    { label: 'JSON null', body: 'null', contentType: 'application/json' },
    { label: 'a JSON string', body: '"x"', contentType: 'application/json' },
    { label: 'truncated JSON', body: json.slice(0, -1), contentType: 'application/json' },
    { label: 'no body at all', body: null, contentType: null },
    { label: '__proto__ pollution', body: json.replace(/^\{/, '{"__proto__":{"polluted":"yes","role":"distributor_admin"},'), contentType: 'application/json' },
    { label: 'constructor.prototype pollution', body: json.replace(/^\{/, '{"constructor":{"prototype":{"polluted":"yes"}},'), contentType: 'application/json' },
    { label: '__proto__ in a form', body: `${form}&__proto__[polluted]=yes&constructor[prototype][polluted]=yes`, contentType: 'application/x-www-form-urlencoded' },
  ];
}

function multipartWithFiles(sample: Record<string, unknown>): string {
  const parts = Object.keys(sample).map((k) => `--fuzzfuzz\r\nContent-Disposition: form-data; name="${k}"; filename="x.bin"\r\nContent-Type: application/octet-stream\r\n\r\n\u0000\u0001binary\r\n`);
  return `${parts.join('')}--fuzzfuzz--\r\n`;
}

// Values of the wrong kind for any field.
const hostileValue = fc.oneof(
  fc.constantFrom<unknown>(true, false, null, 0, -1, 1.5, 1e308, -0, [1], [], {}, { a: { b: [] } }, '', ' 7 ', '0x10', '1e3', 'NaN', 'Infinity', '-1', '99999999999999999999', '\u0000', '\ud800', '%00', '\u202e', "' or 1=1 --", '../../etc/passwd', '<script>alert(1)</script>', '__proto__', 'x'.repeat(10_001), '😀'.repeat(3000)),
  fc.string({ maxLength: 40, unit: 'binary' }),
  fc.integer(),
  fc.double(),
  fc.jsonValue({ maxDepth: 3 }),
);

/** Field-level mutations of a route's own body: wrong types, odd strings, missing and extra keys. */
const mutation = (sample: Record<string, unknown>) => {
  const keys = Object.keys(sample);
  return fc.record({
    replace: keys.length ? fc.dictionary(fc.constantFrom(...keys), hostileValue, { maxKeys: 3 }) : fc.constant({}),
    drop: fc.subarray(keys),
    extra: fc.dictionary(fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'returnTo', 'tenantId', 'role'), hostileValue, { maxKeys: 2 }),
    form: fc.boolean(),
  });
};

function mutated(sample: Record<string, unknown>, m: { replace: Record<string, unknown>; drop: string[]; extra: Record<string, unknown>; form: boolean }) {
  const fields: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(sample)) if (!m.drop.includes(k)) fields[k] = v;
  for (const [k, v] of Object.entries({ ...m.replace, ...m.extra })) Object.defineProperty(fields, k, { value: v, enumerable: true, writable: true, configurable: true });
  if (!m.form) return { body: JSON.stringify(fields), contentType: 'application/json' };
  const form = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) form.append(k, typeof v === 'string' ? v : JSON.stringify(v) ?? '');
  return { body: form.toString(), contentType: 'application/x-www-form-urlencoded' };
}

describe(`every route handler, fuzzed (${driverName})`, () => {
  for (const route of handlers) {
    const routeCase: RouteCase = ROUTE_CASES[route.key]!;
    it(route.key, async () => {
      w.install();
      const sample = await routeCase.body(w);
      await jsonRequest(w, route, routeCase, sample); // the caller's session exists before the first snapshot
      let before = await snapshot(w.db);
      const check = async (label: string, request: Request) => {
        const response = await route.handler(request);
        const said = `${label}: ${response.status} ${(await response.text()).slice(0, 300)}`;
        if (process.env.FUZZ_LOG) (await import('node:fs')).appendFileSync(process.env.FUZZ_LOG, `${route.key} ${said.slice(0, 160).replace(/\n/g, ' ')}\n`);
        expect(response.status, said).toBeLessThan(500);
        const after = await snapshot(w.db);
        // A form is refused with a 303 back to its page carrying the error, an API client with a 4xx.
        const refused = response.status >= 400 || /[?&]error=/.test(response.headers.get('location') ?? '');
        if (refused) expect(changedTables(before, after), `${said} ${response.headers.get('location') ?? ''} — refused, yet stored rows changed`).toEqual([]);
        before = after;
      };
      if (route.method === 'GET') {
        for (const value of ['\u0000', '%00', '\ud800', 'x'.repeat(10_001), '[object Object]', '', '__proto__']) {
          await check(`query ${JSON.stringify(value.slice(0, 20))}`, await requestFor(w, route, routeCase, { query: Object.fromEntries([...Object.keys(sample), 'q', 'domain', 'page'].map((k) => [k, value])) }));
        }
      } else {
        if (!CITUS) for (const attack of fixedAttacks(sample)) await check(attack.label, await requestFor(w, route, routeCase, attack));
        await fc.assert(
          fc.asyncProperty(mutation(sample), async (m) => {
            await check(`mutation ${JSON.stringify(m).slice(0, 200)}`, await requestFor(w, route, routeCase, mutated(sample, m)));
          }),
          { numRuns: RUNS, seed: seedOf(route.key), endOnFailure: true },
        );
      }
      expect(({} as Record<string, unknown>).polluted, 'Object.prototype was polluted').toBeUndefined();
    }, 120_000);
  }
});
