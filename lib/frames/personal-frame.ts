import { markupUse, type MarkupUse } from '../html/critical-css';
import { TtlLru } from '../tenancy/lru';
import type { Tenant } from '../tenancy/types';
import { onTenantPagesExpire } from '../tenancy/invalidate';

/**
 * Personal pages (the account, the cart, checkout) are rendered per request, but most of their
 * markup is the storefront's public chrome: header, navigation, footer. That part is rendered once
 * per tenant, locale and path and kept here, cut where the person's part goes, so that a request
 * renders only what is its own (docs/performance.md).
 */
export interface Frame {
  /** The tenant record it was drawn from (`updatedAt`): a frame from before a change is never reused. */
  version: string;
  before: string;
  after: string;
  /** The classes and elements of `before` and `after`, for the page's CSS: read once, not per request. */
  use: MarkupUse;
}

/** Where the person's part goes: an element no template writes, cut out of the rendered frame. */
export const FRAME_SLOT = '<cf-slot></cf-slot>';

// A few kB per tenant, locale and page, nothing personal. Kept for minutes, dropped when the tenant
// changes (`forgetFrames`, called wherever the tenant's cache tag is expired) and whenever the
// tenant record read for the request is newer.
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

/** The frame `render` draws (its HTML holding FRAME_SLOT once), from the cache when this tenant record drew it. */
export async function cachedFrame(tenant: Tenant, locale: string, path: string, render: () => Promise<string>): Promise<Frame> {
  const key = `${tenant.id}/${locale}/${path}`;
  const cached = frames().get(key);
  if (cached && cached.version === tenant.updatedAt) return cached;
  let loading = pending.get(key);
  if (!loading) {
    loading = render()
      .then((html) => splitFrame(html, tenant.updatedAt))
      .finally(() => pending.delete(key));
    pending.set(key, loading);
  }
  const frame = await loading;
  // A frame drawn from an older record (another request's, in flight) is used once, never kept.
  if (frame.version === tenant.updatedAt) frames().set(key, frame);
  return frame;
}

export function splitFrame(html: string, version: string): Frame {
  const at = html.indexOf(FRAME_SLOT);
  if (at === -1 || html.indexOf(FRAME_SLOT, at + 1) !== -1) throw new Error('frame: the frame must hold its slot exactly once');
  const before = html.slice(0, at);
  const after = html.slice(at + FRAME_SLOT.length);
  return { version, before, after, use: markupUse(before + after) };
}
