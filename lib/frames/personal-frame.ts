import { request as httpRequest } from 'node:http';
import type { ReactNode } from 'react';
import { renderToHtml } from '../html/render';
import { INTERNAL_HEADER, signInternal } from '../http/trust';
import { TtlLru } from '../tenancy/lru';
import type { Tenant } from '../tenancy/types';
import { onTenantPagesExpire } from '../tenancy/invalidate';

/**
 * Personal pages (the account, the cart) are answered by route handlers: the storefront's frame
 * — head, theme, header, footer, exactly as Next renders them for every other page — comes from
 * a cached frame page, and only the person's part is rendered per request, by `renderToHtml`.
 * A page through Next's dynamic renderer cost about 10 ms of CPU on the benchmark machine before
 * it read anything (docs/performance.md); this path costs a fraction of that.
 */
export const FRAMED_PAGES = {
  account: { path: '/account', title: 'account.title' },
  cart: { path: '/cart', title: 'shop.cartTitle' },
} as const;
export type FramedPage = keyof typeof FRAMED_PAGES;

export function framedPage(name: string): (typeof FRAMED_PAGES)[FramedPage] | null {
  return Object.hasOwn(FRAMED_PAGES, name) ? FRAMED_PAGES[name as FramedPage] : null;
}

/** Where the person's part goes; written by the frame page, replaced here. */
export const FRAME_SLOT = '<!--cf:slot-->';

interface Frame {
  version: string;
  before: string;
  after: string;
}

// The frame is the storefront's public chrome (nothing personal), a few kB per tenant, locale and
// page. Kept for minutes, dropped when the tenant changes (`forgetFrames`, called wherever the
// tenant's cache tag is expired) and whenever the tenant record read for the request is newer.
const KEY = Symbol.for('channelfront.frames');
function frames(): TtlLru<string, Frame> {
  const holder = globalThis as { [KEY]?: TtlLru<string, Frame> };
  holder[KEY] ??= new TtlLru<string, Frame>(3_000, 10 * 60_000);
  return holder[KEY];
}
const pending = new Map<string, Promise<Frame>>();

export function forgetFrames(tenantId: string): void {
  frames().deleteWhere((_frame, key) => key.startsWith(`${tenantId}/`));
}
onTenantPagesExpire('frames', forgetFrames);

/** The internal address of a frame; the proxy serves it only with this process's signature. */
export function framePath(tenantId: string, locale: string, page: FramedPage): string {
  return `/frame.v1/${tenantId}/${locale}/${page}`;
}

export function signFramePath(path: string): string {
  return signInternal(`frame\n${path}`);
}

async function storefrontFrame(tenant: Tenant, locale: string, page: FramedPage): Promise<Frame> {
  const key = `${tenant.id}/${locale}/${page}`;
  const cached = frames().get(key);
  if (cached && cached.version === tenant.updatedAt) return cached;
  let loading = pending.get(key);
  if (!loading) {
    loading = fetchFrame(framePath(tenant.id, locale, page)).finally(() => pending.delete(key));
    pending.set(key, loading);
  }
  const frame = await loading;
  // A frame rendered before the tenant's last change is used once, never kept.
  if (frame.version === tenant.updatedAt) frames().set(key, frame);
  return frame;
}

// `next dev` compiles the frame route on its first request, which on a loaded machine has taken
// longer than a production server should ever be allowed to answer.
const FRAME_TIMEOUT_MS = process.env.NODE_ENV === 'development' ? 90_000 : 15_000;

function fetchFrame(path: string): Promise<Frame> {
  const port = Number(process.env.PORT || 3000);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port, path, headers: { host: `localhost:${port}`, [INTERNAL_HEADER]: signFramePath(path) }, timeout: FRAME_TIMEOUT_MS },
      (res) => {
        let html = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (html += chunk));
        res.on('end', () => {
          if (res.statusCode !== 200) return reject(new Error(`frame ${path}: the server answered ${res.statusCode}`));
          try {
            resolve(splitFrame(html));
          } catch (error) {
            reject(error);
          }
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error(`frame ${path}: no answer within ${FRAME_TIMEOUT_MS / 1000} s`)));
    req.on('error', reject);
    req.end();
  });
}

/**
 * The frame page's HTML cut at the slot, without Next's client runtime: these pages are plain
 * HTML and forms, and a script hydrating the frame would find the person's part it never rendered.
 * The storefront's own inline script (the currency choice) stays.
 */
export function splitFrame(html: string): Frame {
  const version = /data-cf-frame="([^"]*)"/.exec(html)?.[1];
  const at = html.indexOf(FRAME_SLOT);
  if (version === undefined || at === -1) throw new Error('frame: the frame page has no slot');
  const bare = (part: string) =>
    part
      .replace(/<script\b(?![^>]*\bid="cf-currency-script")[^>]*>[\s\S]*?<\/script>/g, '')
      .replace(/<link\b[^>]*\brel="(?:preload|modulepreload)"[^>]*\bas="script"[^>]*\/?>/g, '')
      .replace(/<link\b[^>]*\bas="script"[^>]*\brel="preload"[^>]*\/?>/g, '');
  return { version: version.replace(/&amp;/g, '&'), before: bare(html.slice(0, at)), after: bare(html.slice(at + FRAME_SLOT.length)) };
}

/** A personal page: the person's part rendered now, inside the storefront's cached frame. */
export async function framedResponse(tenant: Tenant, locale: string, page: FramedPage, body: ReactNode): Promise<Response> {
  const [frame, html] = await Promise.all([storefrontFrame(tenant, locale, page), renderToHtml(body)]);
  return new Response(frame.before + html + frame.after, { headers: { 'content-type': 'text/html; charset=utf-8' } });
}
