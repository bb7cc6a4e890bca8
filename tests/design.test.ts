import { readFileSync } from 'node:fs';
import { and, eq } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { designVersions, media, tenants } from '@/lib/db/schema';
import { readMedia } from '@/lib/design/media';
import { withTenant } from '@/lib/db/tenant';
import { getTenant } from '@/lib/tenancy/repo';
import { forgetTenantHosts } from '@/lib/tenancy/resolve';
import { ORIGIN_HEADER, SIGNATURE_HEADER, TENANT_HEADER, sign } from '@/lib/http/trust';
import { getTheme, themeCss } from '@/themes';

const themeTokens = (name: string) => getTheme(name).tokens;
import type { Tenant } from '@/lib/tenancy/types';
import { driverName } from './helpers/db';
import { createWorld, type World } from './helpers/world';

/**
 * The storefront's design from the portal: drafts, publishing, restoring, the logo pipeline, the
 * distributor's defaults, and who may do which, through the route handlers the forms post to.
 */

let w: World;
let acmeAdmin: string;
let acmeStaff: string;
let globexAdmin: string;
let northwindAdmin: string;

const ROUTES = {
  '/api/admin/design': () => import('@/app/api/admin/design/route'),
  '/api/admin/design/logo': () => import('@/app/api/admin/design/logo/route'),
  '/api/admin/design/publish': () => import('@/app/api/admin/design/publish/route'),
  '/api/admin/design/restore': () => import('@/app/api/admin/design/restore/route'),
  '/api/admin/design/discard': () => import('@/app/api/admin/design/discard/route'),
  '/api/admin/design/defaults': () => import('@/app/api/admin/design/defaults/route'),
};
type Path = keyof typeof ROUTES;
type Answer = { status: number; body: { data?: Record<string, unknown>; error?: { code: string; message: string; details?: string[] } } };

async function post(path: Path, cookie: string, body: unknown = {}, tenant: Tenant = w.tenants.acme): Promise<Answer> {
  const { POST } = await ROUTES[path]();
  const response = await POST(w.request(tenant, path, { cookie, body }));
  return { status: response.status, body: (await response.json()) as Answer['body'] };
}

/** A multipart upload as a browser's file form sends it, answered as the form would be (303). */
async function upload(cookie: string, file: Uint8Array, name = 'logo.png', tenant: Tenant = w.tenants.acme): Promise<{ status: number; location: string | null }> {
  const { POST } = await ROUTES['/api/admin/design/logo']();
  const form = new FormData();
  form.set('returnTo', '/admin/design');
  form.set('logo', new Blob([new Uint8Array(file)]), name);
  const encoded = new Response(form);
  const origin = w.origin(tenant);
  const request = new Request(`${origin}/api/admin/design/logo`, {
    method: 'POST',
    headers: {
      'content-type': encoded.headers.get('content-type')!,
      origin,
      cookie,
      [TENANT_HEADER]: tenant.id,
      [ORIGIN_HEADER]: origin,
      [SIGNATURE_HEADER]: sign(tenant.id, origin),
    },
    body: await encoded.arrayBuffer(),
  });
  const response = await POST(request);
  return { status: response.status, location: response.headers.get('location') };
}

const acme = async () => (await getTenant(w.db, w.tenants.acme.id))!;
const draftOf = async (tenantId: string) =>
  (await w.db.select().from(designVersions).where(eq(designVersions.tenantId, tenantId))).filter((v) => v.number === null)[0] ?? null;

beforeAll(async () => {
  w = await createWorld();
  acmeAdmin = await w.cookieFor(w.tenants.acme, 'admin@acme.test');
  acmeStaff = await w.cookieFor(w.tenants.acme, 'staff@acme.test');
  globexAdmin = await w.cookieFor(w.tenants.globex, 'admin@globex.test');
  northwindAdmin = await w.cookieFor(w.tenants.northwind, 'admin@northwind.test');
}, 60_000);
afterAll(async () => w?.drop());
beforeEach(() => {
  w.install();
  forgetTenantHosts(w.tenants.acme.id);
});

describe(`storefront design versions (${driverName})`, () => {
  it('keeps changes in a draft until an admin publishes; the first publish keeps the starting design as version 1, which can be restored', async () => {
    const start = await acme();
    const saved = await post('/api/admin/design', acmeStaff, { theme: 'bold', colorPrimary: '#0F766E', fontHeading: 'serif' });
    expect(saved.status).toBe(200);
    expect(saved.body.data).toEqual({ theme: 'bold', overrides: { colorPrimary: '#0f766e', fontHeading: 'serif' } });
    // Nothing live changed, and staff cannot publish.
    expect((await acme()).themeOverrides).toEqual(start.themeOverrides);
    expect((await post('/api/admin/design/publish', acmeStaff)).status).toBe(403);

    const published = await post('/api/admin/design/publish', acmeAdmin);
    expect(published.body.data).toEqual({ version: 2 });
    const live = await acme();
    expect(live.designVersion).toBe(2);
    expect(live.themeOverrides).toEqual({ colorPrimary: '#0f766e', fontHeading: 'serif' });
    expect(themeCss(live.theme, live.themeOverrides, live.inheritedTokens)).toContain('--cf-color-primary:#0f766e');
    expect(await draftOf(live.id)).toBeNull();
    expect((await post('/api/admin/design/publish', acmeAdmin)).body.error?.code).toBe('no_draft');

    expect((await post('/api/admin/design/restore', acmeStaff, { version: 1 })).status).toBe(403);
    expect((await post('/api/admin/design/restore', acmeAdmin, { version: 1 })).body.data).toEqual({ version: 3 });
    const restored = await acme();
    expect(restored.themeOverrides).toEqual(start.themeOverrides);
    expect(restored.designVersion).toBe(3);
    expect((await post('/api/admin/design/restore', acmeAdmin, { version: 99 })).status).toBe(404);
  });

  it('switching theme from the form takes the new theme’s look, keeping only what the storefront chose itself', async () => {
    await post('/api/admin/design/discard', acmeAdmin);
    const live = await acme();
    // The form sends every token as shown: the current theme's values, and one colour of its own.
    const shown = Object.fromEntries(Object.entries(themeTokens('bold')).map(([k, v]) => [k, v]));
    const saved = await post('/api/admin/design', acmeAdmin, { ...shown, theme: 'classic', colorAccent: '#be123c' });
    expect(saved.body.data).toEqual({ theme: 'classic', overrides: { ...live.themeOverrides, colorAccent: '#be123c' } });
    await post('/api/admin/design/discard', acmeAdmin);
  });

  it('refuses text colours below WCAG AA, naming the pair, and saves nothing', async () => {
    await post('/api/admin/design/discard', acmeAdmin);
    const refused = await post('/api/admin/design', acmeAdmin, { theme: 'bold', colorPrimary: '#ffffff', colorPrimaryText: '#eeeeee' });
    expect(refused.status).toBe(422);
    expect(refused.body.error?.code).toBe('contrast_too_low');
    expect(refused.body.error?.message).toMatch(/primary-text: #eeeeee on #ffffff is 1\.\d\d:1/);
    expect(await draftOf(w.tenants.acme.id)).toBeNull();
    const invalid = await post('/api/admin/design', acmeAdmin, { theme: 'bold', radius: '1000px' });
    expect(invalid.status).toBe(422);
    expect((await post('/api/admin/design', acmeAdmin, { theme: 'neon' })).status).toBe(422);
  });

  it('holds a Free storefront to its plan: themes yes, colours and logo no', async () => {
    const globexTenant = w.tenants.globex;
    expect((await post('/api/admin/design', globexAdmin, { theme: 'classic' }, globexTenant)).status).toBe(200);
    const branded = await post('/api/admin/design', globexAdmin, { theme: 'classic', colorPrimary: '#0f766e' }, globexTenant);
    expect(branded.status).toBe(403);
    expect(branded.body.error?.code).toBe('plan_required');
    const png = await sharp({ create: { width: 40, height: 20, channels: 3, background: '#0f766e' } }).png().toBuffer();
    expect((await upload(globexAdmin, png, 'logo.png', globexTenant)).location).toContain('error=plan_required');
  });

  it('customers and other storefronts can do none of it', async () => {
    const customer = await w.cookieFor(w.tenants.acme, 'it@contoso.test').catch(() => null);
    if (customer) expect((await post('/api/admin/design', customer, { theme: 'classic' })).status).toBe(403);
    expect((await post('/api/admin/design', '', { theme: 'classic' })).status).toBe(401);
    // A Globex admin's session means nothing on Acme's host.
    expect((await post('/api/admin/design', globexAdmin, { theme: 'classic' })).status).toBe(401);
  });
});

describe(`logo uploads (${driverName})`, () => {
  it('re-encodes an SVG as PNG files without its script, stored per tenant under their hash', async () => {
    const svg = readFileSync(new URL('./fixtures/hostile-logo.svg', import.meta.url));
    const answer = await upload(acmeAdmin, svg, 'logo.svg');
    expect(answer.status).toBe(303);
    expect(answer.location).toContain('notice=draftSaved');
    const draft = await draftOf(w.tenants.acme.id);
    const logo = draft!.logo!;
    expect(logo.header.height).toBe(96);
    for (const file of [logo.header.file, logo.favicon, logo.touch]) {
      // Read as the app reads it: the app role, scoped to Acme by row-level security.
      const image = await withTenant(w.app.db, w.tenants.acme.id, (tx) => readMedia(tx, w.tenants.acme.id, file));
      expect(image?.contentType).toBe('image/png');
      expect((await sharp(image!.bytes).metadata()).format).toBe('png');
      expect(image!.bytes.toString('latin1')).not.toMatch(/script|onload|alert/i);
    }
    expect((await sharp((await w.db.select().from(media).where(and(eq(media.tenantId, w.tenants.acme.id), eq(media.hash, logo.favicon.slice(0, 32)))))[0]!.bytes).metadata()).width).toBe(32);
    // Globex asking for Acme's file finds nothing, even by a query that forgot its tenant filter.
    expect(await withTenant(w.app.db, w.tenants.globex.id, (tx) => readMedia(tx, w.tenants.globex.id, logo.header.file))).toBeNull();
    // On a server the app connects as its own role, under row-level security (on the embedded
    // PGlite the test's connection is the owner; tests/row-level-security.test.ts covers it there).
    if (w.databaseUrl) expect(await withTenant(w.app.db, w.tenants.globex.id, (tx) => tx.select().from(media))).toEqual([]);
  });

  it('refuses a file over 1 MB, a 20 MB one, and one that is not an image, leaving the draft as it was', async () => {
    const before = (await draftOf(w.tenants.acme.id))?.logo ?? null;
    const big = await sharp({ create: { width: 1400, height: 1400, channels: 3, background: '#123456' } }).png({ compressionLevel: 0 }).toBuffer();
    expect(big.byteLength).toBeGreaterThan(1024 * 1024);
    expect((await upload(acmeAdmin, big)).location).toContain('error=logo_too_large');
    expect((await upload(acmeAdmin, new Uint8Array(20 * 1024 * 1024))).location).toContain('error=logo_too_large');
    expect((await upload(acmeAdmin, new TextEncoder().encode('<html><script>alert(1)</script></html>'), 'logo.png')).location).toContain('error=image_unsupported');
    // A decompression bomb: 400 KB that would decode to 144 megapixels, refused from its header.
    const bomb = await sharp({ create: { width: 12000, height: 12000, channels: 3, background: '#000' } }).png({ compressionLevel: 9 }).toBuffer();
    expect((await upload(acmeAdmin, bomb)).location).toContain('error=image_unsupported');
    const gif = await sharp({ create: { width: 10, height: 10, channels: 3, background: '#000' } }).gif().toBuffer();
    expect((await upload(acmeAdmin, gif, 'logo.gif')).location).toContain('error=image_unsupported');
    expect((await draftOf(w.tenants.acme.id))?.logo ?? null).toEqual(before);
  });
});

describe(`distributor default tokens (${driverName})`, () => {
  it('reach every reseller that did not override them, not one that did', async () => {
    await post('/api/admin/design/discard', acmeAdmin);
    const set = await post('/api/admin/design/defaults', northwindAdmin, { colorAccent: '#B45309', fontBody: 'serif', colorPrimary: '' }, w.tenants.northwind);
    expect(set.status).toBe(200);
    expect(set.body.data).toEqual({ defaults: { colorAccent: '#b45309', fontBody: 'serif' } });
    const initech = (await w.db.select().from(tenants).where(eq(tenants.slug, 'initech')))[0]!;
    const acmeNow = await acme();
    const globexNow = (await getTenant(w.db, w.tenants.globex.id))!;
    expect(acmeNow.inheritedTokens).toEqual({ colorAccent: '#b45309', fontBody: 'serif' });
    expect(themeCss(globexNow.theme, globexNow.themeOverrides, globexNow.inheritedTokens)).toContain('--cf-color-accent:#b45309');
    // Globex overrides its primary colour: that stays its own.
    expect(themeCss(globexNow.theme, globexNow.themeOverrides, globexNow.inheritedTokens)).toContain('--cf-color-primary:#4338ca');
    expect((await getTenant(w.db, initech.id))!.inheritedTokens.colorAccent).toBe('#b45309');
    // A reseller that sets the accent itself keeps its own.
    await post('/api/admin/design', acmeAdmin, { theme: acmeNow.theme, colorAccent: '#be123c' });
    await post('/api/admin/design/publish', acmeAdmin);
    const acmeOwn = await acme();
    expect(themeCss(acmeOwn.theme, acmeOwn.themeOverrides, acmeOwn.inheritedTokens)).toContain('--cf-color-accent:#be123c');

    // Only the distributor sets defaults, and none that would make a theme unreadable.
    expect((await post('/api/admin/design/defaults', acmeAdmin, { colorAccent: '#000000' })).status).toBe(404);
    const unreadable = await post('/api/admin/design/defaults', northwindAdmin, { colorText: '#f8fafc' }, w.tenants.northwind);
    expect(unreadable.body.error?.code).toBe('contrast_too_low');
    expect((await getTenant(w.db, w.tenants.northwind.id))!.defaultTokens).toEqual({ colorAccent: '#b45309', fontBody: 'serif' });
  });
});
