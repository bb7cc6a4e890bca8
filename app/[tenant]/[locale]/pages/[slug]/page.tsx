import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { contentPage } from '@/lib/content/tenant-pages';
import { forTenant } from '@/lib/db';
import { storefrontMetadata } from '@/lib/seo/metadata';
import { getTheme } from '@/themes';
import { StorefrontFrame } from '../../_components/storefront-frame';
import { storefrontPage } from '../../_components/page-start';

type Params = Promise<{ tenant: string; locale: string; slug: string }>;

// Rendered per tenant, locale and slug on first request, then cached (see the layout).
export function generateStaticParams(): { slug: string }[] {
  return [];
}

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { tenant, locale } = await storefrontPage(params);
  const { slug } = await params;
  const page = await forTenant(tenant.id, (db) => contentPage(db, tenant, slug, locale));
  if (!page) return { title: tenant.name };
  return storefrontMetadata(tenant, locale, `/pages/${slug}`, { title: `${page.title} · ${tenant.name}`, description: page.summary || page.title, type: 'article' });
}

export default async function ContentPage({ params }: { params: Params }) {
  const { tenant, locale } = await storefrontPage(params);
  const { slug } = await params;
  const page = await forTenant(tenant.id, (db) => contentPage(db, tenant, slug, locale));
  if (!page) notFound();
  const theme = getTheme(tenant.theme);
  return (
    <StorefrontFrame tenant={tenant} locale={locale} path={`/pages/${slug}`}>
      {/* renderMarkdown escapes raw HTML and unsafe links (lib/content/markdown.ts). */}
      <theme.ContentPage html={page.html} lang={page.locale} />
    </StorefrontFrame>
  );
}
