import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { forTenant } from '@/lib/db';
import { pageLinks, contentPage } from '@/lib/content/tenant-pages';
import { forgetTenantHosts } from '@/lib/tenancy/resolve';
import type { Tenant } from '@/lib/tenancy/types';
import { driverName } from './helpers/db';
import { createWorld, type World } from './helpers/world';

/**
 * A storefront's own content pages, per language, through the routes the portal's forms post to:
 * staff write drafts, admins publish, the header and footer link what was placed there, and what
 * is rendered can carry no script, whoever wrote it.
 */

let w: World;
let acmeAdmin: string;
let acmeStaff: string;
let globexAdmin: string;

const ROUTES = {
  '/api/admin/pages': () => import('@/app/api/admin/pages/route'),
  '/api/admin/pages/publish': () => import('@/app/api/admin/pages/publish/route'),
  '/api/admin/pages/delete': () => import('@/app/api/admin/pages/delete/route'),
};
type Answer = { status: number; body: { data?: unknown; error?: { code: string; message: string } } };

async function post(path: keyof typeof ROUTES, cookie: string, body: unknown, tenant: Tenant = w.tenants.acme): Promise<Answer> {
  const { POST } = await ROUTES[path]();
  const response = await POST(w.request(tenant, path, { cookie, body }));
  return { status: response.status, body: (await response.json()) as Answer['body'] };
}

const title = (slug: string) => `shipped:${slug}`;
const links = (tenant: Tenant, locale: string) => forTenant(tenant.id, (db) => pageLinks(db, tenant.id, locale, title));
const page = (tenant: Tenant, slug: string, locale: string) => forTenant(tenant.id, (db) => contentPage(db, tenant, slug, locale));

beforeAll(async () => {
  w = await createWorld();
  acmeAdmin = await w.cookieFor(w.tenants.acme, 'admin@acme.test');
  acmeStaff = await w.cookieFor(w.tenants.acme, 'staff@acme.test');
  globexAdmin = await w.cookieFor(w.tenants.globex, 'admin@globex.test');
}, 60_000);
afterAll(async () => w?.drop());
beforeEach(() => {
  w.install();
  forgetTenantHosts(w.tenants.acme.id);
});

describe(`content pages (${driverName})`, () => {
  it('links the shipped pages until the storefront publishes its own', async () => {
    expect(await links(w.tenants.acme, 'de')).toEqual({
      header: [{ slug: 'about', title: 'shipped:about' }],
      footer: [{ slug: 'about', title: 'shipped:about' }, { slug: 'terms', title: 'shipped:terms' }, { slug: 'privacy', title: 'shipped:privacy' }],
    });
  });

  it('a German page drafted by staff goes live in the German footer only once an admin publishes it', async () => {
    const draft = { slug: 'support-zeiten', locale: 'de', title: 'Support-Zeiten', body: 'Wir sind **werktags** von 8 bis 18 Uhr erreichbar.', inHeader: 'off', inFooter: 'on', create: '1' };
    expect((await post('/api/admin/pages', acmeStaff, draft)).status).toBe(200);
    expect(await page(w.tenants.acme, 'support-zeiten', 'de')).toBeNull();
    expect((await links(w.tenants.acme, 'de')).footer.map((l) => l.slug)).not.toContain('support-zeiten');
    // The same address again from "new page" is refused rather than overwriting the draft.
    expect((await post('/api/admin/pages', acmeStaff, draft)).status).toBe(409);

    expect((await post('/api/admin/pages/publish', acmeStaff, { slug: 'support-zeiten', locale: 'de' })).status).toBe(403);
    expect((await post('/api/admin/pages/publish', acmeAdmin, { slug: 'support-zeiten', locale: 'de' })).status).toBe(200);
    const shown = await page(w.tenants.acme, 'support-zeiten', 'de');
    expect(shown?.title).toBe('Support-Zeiten');
    expect(shown?.html).toContain('<strong>werktags</strong>');
    expect((await links(w.tenants.acme, 'de')).footer).toContainEqual({ slug: 'support-zeiten', title: 'Support-Zeiten' });
    expect((await links(w.tenants.acme, 'de')).header.map((l) => l.slug)).not.toContain('support-zeiten');
    expect((await links(w.tenants.acme, 'en')).footer.map((l) => l.slug)).not.toContain('support-zeiten');
    expect(await page(w.tenants.acme, 'support-zeiten', 'en')).toBeNull();
    // Another storefront has no such page.
    expect(await page(w.tenants.globex, 'support-zeiten', 'de')).toBeNull();
  });

  it('renders no raw HTML and no javascript: links, whoever wrote the page', async () => {
    const body = '<script>alert(1)</script>\n\n<img src=x onerror=alert(2)>\n\n[Click](javascript:alert(3)) and [ok](https://example.com)';
    await post('/api/admin/pages', acmeAdmin, { slug: 'about', locale: 'en', title: 'About {{storeName}}', body, inHeader: true, inFooter: true });
    await post('/api/admin/pages/publish', acmeAdmin, { slug: 'about', locale: 'en' });
    const shown = await page(w.tenants.acme, 'about', 'en');
    // The menu keeps its short link: the page's full title once renamed it and wrapped Bold's header.
    expect((await links(w.tenants.acme, 'en')).header).toEqual([{ slug: 'about', title: 'shipped:about' }]);
    expect(shown?.title).toBe('About Acme Cloud Solutions');
    expect(shown?.html).not.toMatch(/<script|<img|javascript:/i);
    expect(shown?.html).toContain('&#60;script&#62;');
    expect(shown?.html).toContain('<a href="https://example.com">ok</a>');
  });

  it('deleting the storefront’s own text brings the shipped page back', async () => {
    expect((await post('/api/admin/pages/delete', acmeStaff, { slug: 'about', locale: 'en' })).status).toBe(403);
    expect((await post('/api/admin/pages/delete', acmeAdmin, { slug: 'about', locale: 'en' })).status).toBe(200);
    expect((await page(w.tenants.acme, 'about', 'en'))?.title).toBe('About Acme Cloud Solutions');
    expect((await page(w.tenants.acme, 'about', 'en'))?.html).not.toContain('example.com');
    expect((await post('/api/admin/pages/delete', acmeAdmin, { slug: 'about', locale: 'en' })).status).toBe(404);
  });

  it('refuses a bad address, a language the storefront does not offer, a Free plan, and another storefront’s admin', async () => {
    const ok = { slug: 'imprint', locale: 'en', title: 'Imprint', body: '', inHeader: 'off', inFooter: 'off' };
    const bad = await post('/api/admin/pages', acmeAdmin, { ...ok, slug: '../etc/passwd' });
    expect(bad.status).toBe(422);
    expect(bad.body.error?.message).toContain('lower-case letters');
    expect((await post('/api/admin/pages', acmeAdmin, { ...ok, locale: 'fr' })).status).toBe(422);
    expect((await post('/api/admin/pages', acmeAdmin, { ...ok, title: '' })).status).toBe(422);
    // Terms run long: a 30,000-character page is fine, 60,000 is refused with the limit named.
    expect((await post('/api/admin/pages', acmeAdmin, { ...ok, slug: 'long-terms', body: 'Lorem ipsum. '.repeat(2_300) })).status).toBe(200);
    const tooLong = await post('/api/admin/pages', acmeAdmin, { ...ok, slug: 'long-terms', body: 'x'.repeat(60_000) });
    expect(tooLong.status).toBe(422);
    expect(tooLong.body.error?.message).toContain('longer than 50000 characters');
    expect((await post('/api/admin/pages', acmeAdmin, { ...ok, title: 'x'.repeat(20_000) })).status).toBe(422);
    const free = await post('/api/admin/pages', globexAdmin, { ...ok, locale: 'de' }, w.tenants.globex);
    expect(free.status).toBe(403);
    expect(free.body.error?.code).toBe('plan_required');
    expect((await post('/api/admin/pages', globexAdmin, ok)).status).toBe(401);
    expect((await post('/api/admin/pages/publish', acmeAdmin, { slug: 'imprint', locale: 'en' })).body.error?.code).toBe('no_draft');
  });
});
