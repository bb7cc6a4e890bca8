import { contentPage } from '@/lib/content/tenant-pages';
import { forTenant } from '@/lib/db';
import { storefrontMetadata } from '@/lib/seo/metadata';
import { getTheme } from '@/themes';
import { storefrontRoute } from '../../_components/document';
import { StorefrontFrame } from '../../_components/storefront-frame';

// Rendered per tenant, locale and slug on first request, then cached.
// Static, so Next caches it; the data it reads may expire it sooner (CACHE_TTL_SECONDS, tags).
// Not force-static: that hides the cookies a staff member's preview needs.
export const revalidate = 300;
export function generateStaticParams(): { tenant: string; locale: string; slug: string }[] {
  return [];
}

export const GET = storefrontRoute<{ slug: string }>(async ({ tenant, locale }, { slug }) => {
  const page = await forTenant(tenant.id, (db) => contentPage(db, tenant, slug, locale));
  if (!page) return null;
  const theme = getTheme(tenant.theme);
  return {
    metadata: await storefrontMetadata(tenant, locale, `/pages/${slug}`, { title: `${page.title} · ${tenant.name}`, description: page.summary || page.title, type: 'article' }),
    body: (
      <StorefrontFrame tenant={tenant} locale={locale} path={`/pages/${slug}`}>
        {/* renderMarkdown escapes raw HTML and unsafe links (lib/content/markdown.ts). */}
        <theme.ContentPage html={page.html} lang={page.locale} />
      </StorefrontFrame>
    ),
  };
});
