import 'server-only';
import { ImageResponse } from 'next/og';
import { mergeTokens } from '@/themes/tokens';
import { getTheme } from '@/themes';
import { TtlLru } from '../tenancy/lru';
import type { Tenant } from '../tenancy/types';

export const ICON_SIZES = { favicon: 32, apple: 180 } as const;
export type IconKind = keyof typeof ICON_SIZES;

// Drawing an icon takes tens of milliseconds; a storefront's changes (name, colours) change its
// updatedAt and so the key. A few kB per entry, bounded.
const drawn = new TtlLru<string, ArrayBuffer>(2_000, 60 * 60 * 1000);

/**
 * The storefront's icon: the first letter of its name on its primary colour, as a PNG (browsers
 * take a PNG at /favicon.ico as well as at /apple-touch-icon.png).
 */
export async function storefrontIcon(tenant: Tenant, kind: IconKind): Promise<ArrayBuffer> {
  const key = `${tenant.id}:${tenant.updatedAt}:${JSON.stringify(tenant.inheritedTokens)}:${kind}`;
  const hit = drawn.get(key);
  if (hit) return hit;
  const size = ICON_SIZES[kind];
  const tokens = mergeTokens(mergeTokens(getTheme(tenant.theme).tokens, tenant.inheritedTokens), tenant.themeOverrides);
  const letter = (tenant.name.match(/[\p{L}\p{N}]/u)?.[0] ?? '·').toUpperCase();
  const image = new ImageResponse(
    (
      <div
        style={{
          width: '100%',
          height: '100%',
          display: 'flex',
          alignItems: 'center',
          justifyContent: 'center',
          background: tokens.colorPrimary,
          color: tokens.colorPrimaryText,
          fontSize: Math.round(size * 0.62),
          fontWeight: 700,
          // The apple icon is masked to a rounded square by the device; the favicon rounds itself.
          borderRadius: kind === 'favicon' ? Math.round(size * 0.2) : 0,
        }}
      >
        {letter}
      </div>
    ),
    { width: size, height: size },
  );
  const bytes = await image.arrayBuffer();
  drawn.set(key, bytes);
  return bytes;
}
