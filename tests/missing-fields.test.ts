import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { driverName } from './helpers/db';
import { jsonRequest, ROUTE_CASES, routeHandlers } from './helpers/route-cases';
import { changedTables, snapshot } from './helpers/snapshot';
import { createWorld, type World } from './helpers/world';

/**
 * A body that leaves a field out — a script, an old browser tab, a client built against an
 * older form — never empties what that field stands for. Generated from the route handlers on
 * disk: each state-changing route is sent its body once per field with that field left out.
 * A settings route's body restates what is stored, so whatever it answers, nothing may change;
 * an action's required field left out is refused, naming the field, and nothing changes.
 */
let w: World;
const handlers = await routeHandlers();

beforeAll(async () => {
  w = await createWorld();
}, 60_000);
afterAll(async () => w?.drop());

const without = (fields: Record<string, unknown>, name: string) => Object.fromEntries(Object.entries(fields).filter(([k]) => k !== name));
const answer = async (response: Response) => `${response.status} ${response.headers.get('location') ?? ''} ${await response.text()}`;

describe(`a missing field changes nothing (${driverName})`, () => {
  it('every route handler is described (tests/helpers/route-cases.ts)', () => {
    const undescribed = handlers.map((h) => h.key).filter((key) => !ROUTE_CASES[key]);
    expect(undescribed, 'describe these routes: who calls them and a body they take').toEqual([]);
    const gone = Object.keys(ROUTE_CASES).filter((key) => !handlers.some((h) => h.key === key));
    expect(gone, 'these described routes no longer exist').toEqual([]);
  });

  const described = handlers.filter((h) => ['settings', 'action'].includes(ROUTE_CASES[h.key]?.kind ?? '') && !ROUTE_CASES[h.key]?.serverOnly);
  for (const route of described) {
    it(`${route.key}`, async () => {
      w.install();
      const routeCase = ROUTE_CASES[route.key]!;
      const body = await routeCase.body(w);
      if (routeCase.kind === 'settings') {
        // Sent whole, the body is a valid save of what is there (it may make a draft the first time).
        const whole = await route.handler(await jsonRequest(w, route, routeCase, body));
        expect(whole.status, await answer(whole.clone())).toBeLessThan(400);
      }
      await jsonRequest(w, route, routeCase, body); // the caller's session exists before the first snapshot
      let before = await snapshot(w.db);
      for (const field of Object.keys(body)) {
        const response = await route.handler(await jsonRequest(w, route, routeCase, without(body, field)));
        const said = await answer(response);
        expect(response.status, `${field} left out: ${said}`).toBeLessThan(500);
        const optional = routeCase.kind === 'action' && routeCase.optional?.includes(field);
        if (!optional) {
          expect(changedTables(before, await snapshot(w.db)), `${field} left out (${said}) changed stored rows`).toEqual([]);
        } else if (response.status < 400) {
          // An action without an optional field did what it does, with the field's default.
          before = await snapshot(w.db);
        } else {
          expect(changedTables(before, await snapshot(w.db)), `${field} left out was refused (${said}) but changed stored rows`).toEqual([]);
        }
        if (routeCase.kind === 'action' && !optional) {
          expect(response.status, `${field} left out must be refused: ${said}`).toBeGreaterThanOrEqual(400);
          expect(said, `the refusal names ${field}`).toContain(routeCase.refusal?.[field] ?? `${field}: missing`);
        }
      }
    });
  }
});
