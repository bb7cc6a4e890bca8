import 'server-only';
import type { Metadata } from 'next';
import type { Tenant } from '../tenancy/types';
import { alternates } from './links';
import { storefrontOrigin } from './origin';

/** Search engines show about this many characters of a description. */
const DESCRIPTION_LENGTH = 160;

export function shortDescription(text: string): string {
  const plain = text.replace(/\s+/g, ' ').trim();
  if (plain.length <= DESCRIPTION_LENGTH) return plain;
  const cut = plain.slice(0, DESCRIPTION_LENGTH - 1);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), DESCRIPTION_LENGTH / 2))}…`;
}

/**
 * What every indexable storefront page tells search engines and link previews: its title and
 * description, its one canonical address on the storefront's primary host, the same page in the
 * storefront's other languages (`hreflang`), and Open Graph tags. `path` is the public path in the
 * default locale (`/products/m365`), with its query string if it has one.
 */
export async function storefrontMetadata(
  tenant: Tenant,
  locale: string,
  path: string,
  page: { title: string; description: string; type?: 'website' | 'article' },
): Promise<Metadata> {
  const origin = await storefrontOrigin(tenant);
  const languages = alternates(origin, tenant, path);
  const url = languages[locale]!;
  const description = shortDescription(page.description);
  return {
    metadataBase: new URL(origin),
    title: page.title,
    description,
    alternates: { canonical: url, languages },
    openGraph: { type: page.type ?? 'website', url, title: page.title, description, siteName: tenant.name, locale },
    // X reads the title and description from the Open Graph tags when its own are absent.
    twitter: { card: 'summary' },
  };
}
