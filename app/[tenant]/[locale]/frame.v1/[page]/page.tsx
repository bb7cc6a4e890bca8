import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { FRAME_SLOT, framedPage } from '@/lib/frames/personal-frame';
import { StorefrontFrame } from '../../_components/storefront-frame';
import { storefrontPage } from '../../_components/page-start';

type Params = Promise<{ tenant: string; locale: string; page: string }>;

// The storefront's header, footer and head around an empty slot, for the personal pages that are
// rendered per request without React (lib/frames/personal-frame.ts). Cached per tenant, locale and page
// like any storefront page, and expired with the tenant's tag.
export function generateStaticParams(): { page: string }[] {
  return [];
}

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { tenant, locale } = await storefrontPage(params);
  const page = framedPage((await params).page);
  if (!page) notFound();
  return { title: `${(await getTranslations({ locale }))(page.title)} · ${tenant.name}`, robots: { index: false } };
}

export default async function Frame({ params }: { params: Params }) {
  const { tenant, locale } = await storefrontPage(params);
  const page = framedPage((await params).page);
  if (!page) notFound();
  return (
    <StorefrontFrame tenant={tenant} locale={locale} path={page.path}>
      <div data-cf-frame={tenant.updatedAt} dangerouslySetInnerHTML={{ __html: FRAME_SLOT }} />
    </StorefrontFrame>
  );
}
