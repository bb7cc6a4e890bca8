import { notFound } from 'next/navigation';
import { setRequestLocale } from 'next-intl/server';
import type { ReactNode } from 'react';
import { getStorefrontTenant } from '@/lib/tenancy/queries';
import { themeCss } from '@/themes';
import '../../globals.css';

// No storefront is rendered at build time (the database stays closed); each tenant, locale and
// path is rendered on its first request and then served from the cache until its tag changes.
export const dynamicParams = true;
export function generateStaticParams(): { tenant: string; locale: string }[] {
  return [];
}

export default async function StorefrontLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ tenant: string; locale: string }>;
}) {
  const { tenant: tenantId, locale } = await params;
  const tenant = await getStorefrontTenant(tenantId);
  if (!tenant || !tenant.locales.includes(locale)) notFound();
  setRequestLocale(locale);
  return (
    <html lang={locale}>
      <head>
        <style id="cf-theme" dangerouslySetInnerHTML={{ __html: themeCss(tenant.theme, tenant.themeOverrides) }} />
      </head>
      <body data-theme={tenant.theme}>{children}</body>
    </html>
  );
}
