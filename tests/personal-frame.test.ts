import { describe, expect, it } from 'vitest';
import { cachedFrame, FRAME_SLOT, forgetFrames } from '@/lib/frames/personal-frame';
import type { Tenant } from '@/lib/tenancy/types';

const tenant = (id: string, updatedAt: string) => ({ id, updatedAt }) as Tenant;

describe('the frame around a personal page', () => {
  it('is drawn once per tenant, locale and path, again when the tenant changed, and never shared between tenants', async () => {
    const drawn: string[] = [];
    const draw = (label: string) => async () => {
      drawn.push(label);
      return `<header>${label}</header>${FRAME_SLOT}<footer/>`;
    };
    const acme = tenant('acme-frame-test', '2026-12-01T00:00:00.000Z');
    const first = await cachedFrame(acme, 'en', '/cart', draw('acme 1'));
    const again = await cachedFrame(acme, 'en', '/cart', draw('acme 2'));
    expect(again).toBe(first);
    expect(drawn).toEqual(['acme 1']);
    // Another path, another locale, another tenant: each its own frame.
    await cachedFrame(acme, 'de', '/cart', draw('acme de'));
    await cachedFrame(acme, 'en', '/account', draw('acme account'));
    const globex = await cachedFrame(tenant('globex-frame-test', acme.updatedAt), 'en', '/cart', draw('globex'));
    expect(globex.before).toBe('<header>globex</header>');
    // A newer record of the tenant draws it again; forgetting the tenant drops its frames.
    const changed = await cachedFrame(tenant(acme.id, '2026-12-02T00:00:00.000Z'), 'en', '/cart', draw('acme changed'));
    expect(changed.before).toBe('<header>acme changed</header>');
    forgetFrames(acme.id);
    await cachedFrame(tenant(acme.id, '2026-12-02T00:00:00.000Z'), 'en', '/cart', draw('acme forgotten'));
    expect(drawn).toEqual(['acme 1', 'acme de', 'acme account', 'globex', 'acme changed', 'acme forgotten']);
  });

  it('is drawn once for requests that ask at the same moment', async () => {
    let draws = 0;
    const draw = async () => {
      draws += 1;
      await new Promise((r) => setTimeout(r, 10));
      return `<main>${FRAME_SLOT}</main>`;
    };
    const t = tenant('concurrent-frame-test', '2026-12-01T00:00:00.000Z');
    const frames = await Promise.all([1, 2, 3].map(() => cachedFrame(t, 'en', '/cart', draw)));
    expect(draws).toBe(1);
    expect(new Set(frames).size).toBe(1);
  });
});
