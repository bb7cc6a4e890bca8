import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { setRequestLocale } from 'next-intl/server';
import type { ReactNode } from 'react';
import { shownTenant } from '@/lib/design/shown';
import { PreviewBanner } from './_components/preview-banner';
import { themeCss } from '@/themes';
import '../../globals.css';

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

/**
 * Prices are rendered in every offered currency; this shows the visitor's choice (the cf_currency
 * cookie, read by the script below) or the storefront's default, and marks it in the switcher.
 */
function currencyCss(defaultCurrency: string, currencies: string[]): string {
  const shown = [`html:not([data-currency]) [data-price="${defaultCurrency}"]`, ...currencies.map((c) => `html[data-currency="${c}"] [data-price="${c}"]`)];
  const active = [`html:not([data-currency]) [data-currency-option="${defaultCurrency}"]`, ...currencies.map((c) => `html[data-currency="${c}"] [data-currency-option="${c}"]`)];
  return `[data-price]{display:none}${shown.join(',')}{display:inline}${active.join(',')}{font-weight:700;opacity:1}`;
}

function currencyScript(currencies: string[]): string {
  return `(function(){var m=document.cookie.match(/(?:^|; )cf_currency=([A-Z]{3})/);if(m&&${JSON.stringify(currencies)}.indexOf(m[1])>-1)document.documentElement.setAttribute('data-currency',m[1])})()`;
}
