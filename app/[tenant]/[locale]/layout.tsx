import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { setRequestLocale } from 'next-intl/server';
import type { ReactNode } from 'react';
import { shownTenant } from '@/lib/design/shown';
import { currencyCss, currencyScript } from './_components/document';
import { PreviewBanner } from './_components/preview-banner';
import { themeCss } from '@/themes';
import '../../globals.css';

// The layout of the portal's App Router pages; every other storefront page is a document of its
// own (_components/document.tsx).
// No storefront is rendered at build time (the database stays closed); each tenant, locale and
// path is rendered on its first request and then served from the cache until its tag changes.
export const dynamicParams = true;
export function generateStaticParams(): { tenant: string; locale: string }[] {
  return [];
}

// Drawn from the storefront's name and colours (lib/seo/icon.tsx), served on every storefront host.
export const metadata: Metadata = {
  icons: { icon: [{ url: '/favicon.ico', sizes: '32x32', type: 'image/png' }], apple: [{ url: '/apple-touch-icon.png', sizes: '180x180' }] },
};

export default async function StorefrontLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ tenant: string; locale: string }>;
}) {
  const { tenant: tenantId, locale } = await params;
  const shown = await shownTenant(tenantId);
  if (!shown || !shown.tenant.locales.includes(locale)) notFound();
  const { tenant, previewing } = shown;
  setRequestLocale(locale);
  const currencies = tenant.currencies.filter((c) => /^[A-Z]{3}$/.test(c));
  return (
    // The currency script below sets data-currency on <html> before React hydrates.
    <html lang={locale} suppressHydrationWarning>
      <head>
        <style id="cf-theme" dangerouslySetInnerHTML={{ __html: themeCss(tenant.theme, tenant.themeOverrides, tenant.inheritedTokens) }} />
        <style id="cf-currency" dangerouslySetInnerHTML={{ __html: currencyCss(tenant.defaultCurrency, currencies) }} />
        <script id="cf-currency-script" dangerouslySetInnerHTML={{ __html: currencyScript(currencies) }} />
      </head>
      <body data-theme={tenant.theme}>
        {previewing && <PreviewBanner tenant={tenant} locale={locale} />}
        {children}
      </body>
    </html>
  );
}
