import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { createElement, type ReactNode } from 'react';
import { shownTenant } from '@/lib/design/shown';
import { appStylesheet } from '@/lib/frames/stylesheet';
import { criticalCss, markupUse, type MarkupUse } from '@/lib/html/critical-css';
import { escape, renderToHtml, renderToHtmlSync } from '@/lib/html/render';
import { cachedFrame, splitFrame } from '@/lib/frames/personal-frame';
import { localePath } from '@/lib/i18n/locales';
import { TOKEN_VARIABLES, themeCss } from '@/themes';
import type { StorefrontPage } from './page-start';
import { PreviewBanner } from './preview-banner';
import { StorefrontFrame } from './storefront-frame';

/**
 * Storefront pages are whole HTML documents rendered here, on the server, with no framework
 * script: the theme's TSX templates through `renderToHtml`, the stylesheet's rules that the page
 * uses inlined in its head, links as plain links, forms that post. The App Router cannot leave its
 * client runtime out of a page (vercel/next.js#45009), so the storefront's pages are route handlers
 * (`storefrontRoute`), cached by Next per tenant, locale and path like pages were, with the tags of
 * the data they read. The portal keeps the App Router (docs/architecture.md).
 */

/** What a storefront page is: what it tells search engines and link previews, and its body. */
export interface StorefrontView {
  metadata: Metadata;
  body: ReactNode;
  /** 200 unless said (a page that is not there is 404, and still a page of the storefront). */
  status?: number;
}

type Segments = { tenant: string; locale: string };

export type StorefrontViewPage = StorefrontPage & { previewing: boolean };

/**
 * The GET of a storefront page: the tenant from the internal segment the proxy rewrote the host
 * to (its draft design for its staff in preview), the locale checked, then the view. A view that
 * returns null is the storefront's "not found" page.
 */
export function storefrontRoute<X extends object = object>(view: (page: StorefrontViewPage, params: Segments & X, request: Request) => Promise<StorefrontView | null>) {
  return async (request: Request, context: { params: Promise<Segments & X> }): Promise<Response> => {
    const params = await context.params;
    const shown = await shownTenant(params.tenant);
    if (!shown || !shown.tenant.locales.includes(params.locale)) return new Response('Not found.\n', { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' } });
    const { tenant, previewing } = shown;
    const { locale } = params;
    const page: StorefrontViewPage = { tenant, locale, previewing, path: (p: string) => localePath(locale, tenant.defaultLocale, p) };
    const result = (await view(page, params, request)) ?? (await notFoundView(page));
    return htmlResponse(await storefrontDocument(page, result), result.status);
  };
}

/** The storefront's own "not found" page, in its theme and language. */
export async function notFoundView(page: StorefrontViewPage): Promise<StorefrontView> {
  const t = await getTranslations({ locale: page.locale });
  return {
    status: 404,
    metadata: { title: `${t('notFound.title')} · ${page.tenant.name}`, robots: { index: false, follow: true } },
    body: (
      <main className="flex min-h-screen flex-col items-center justify-center gap-4 bg-bg px-6 text-center text-ink">
        <h1 className="font-heading text-3xl font-bold">{t('notFound.title')}</h1>
        <p className="text-muted">{t('notFound.body')}</p>
        <a href={page.path('/')} className="rounded-theme bg-primary px-5 py-2 text-primary-text">{t('notFound.back')}</a>
      </main>
    ),
  };
}

/** The whole document: head (metadata, the page's CSS, the theme's tokens, the currency choice), then the body. */
export async function storefrontDocument(page: StorefrontViewPage, view: StorefrontView): Promise<string> {
  return documentHtml(page, view.metadata, await renderToHtml(view.body));
}

/** What a page for one person is: its title (never indexed) and its part inside the storefront's frame. */
export interface PersonalView {
  title: string;
  body: ReactNode;
  status?: number;
}

/**
 * A page for one person (the account, the cart, checkout), rendered per request: only `view.body`
 * is rendered now; the storefront's header and footer around it (drawn for `framePath`, the path
 * without locale that the navigation and the language links point from) come from the frame cache.
 */
export async function personalDocument(page: StorefrontViewPage, framePath: string, view: PersonalView): Promise<Response> {
  const draw = () => renderToHtml(<StorefrontFrame tenant={page.tenant} locale={page.locale} path={framePath}>{createElement('cf-slot')}</StorefrontFrame>);
  // A staff member's preview draws the draft, which no other request may be shown.
  const [frame, content] = await Promise.all([
    page.previewing ? draw().then((html) => splitFrame(html, '')) : cachedFrame(page.tenant, page.locale, framePath, draw),
    renderToHtml(view.body),
  ]);
  // The frame's classes were read when it was drawn; only the person's part is read now.
  const html = await documentHtml(page, { title: `${view.title} · ${page.tenant.name}`, robots: { index: false, follow: false } }, frame.before + content + frame.after, markupUse(content, frame.use));
  return htmlResponse(html, view.status);
}

/** The storefront's "not found" for a page of one person (an order, a subscription that is not theirs, or not there). */
export async function personalNotFound(page: StorefrontViewPage): Promise<Response> {
  const view = await notFoundView(page);
  return htmlResponse(await storefrontDocument(page, view), 404);
}

const htmlResponse = (html: string, status = 200) => new Response(html, { status, headers: { 'content-type': 'text/html; charset=utf-8' } });

/**
 * `used`, when given, is what `content` uses (read in parts by the caller); else it is read from it.
 * Past its one wait (the stylesheet, and the preview banner for staff) it creates no promise.
 */
async function documentHtml(page: StorefrontViewPage, metadata: Metadata, content: string, used?: MarkupUse): Promise<string> {
  const { tenant, locale, previewing } = page;
  const [stylesheet, banner] = await Promise.all([appStylesheet(), previewing ? renderToHtml(<PreviewBanner tenant={tenant} locale={locale} />) : '']);
  const body = `<body data-theme="${escape(tenant.theme)}">${banner}${content}</body>`;
  const markup = used && !banner ? used : body;
  const currencies = tenant.currencies.filter((c) => /^[A-Z]{3}$/.test(c));
  const head = renderToHtmlSync(
    <head>
      <meta charSet="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <MetadataTags metadata={metadata} />
      {/* iOS asks for /apple-touch-icon.png by itself; the proxy serves both from the storefront's logo. */}
      <link rel="icon" href="/favicon.ico" sizes="32x32" type="image/png" />
      {/* The page's share of the stylesheet, then the theme's tokens and the currency choice (unlayered, so they win). */}
      <style dangerouslySetInnerHTML={{ __html: criticalCss(stylesheet, markup, TOKEN_VARIABLES) + themeCss(tenant.theme, tenant.themeOverrides, tenant.inheritedTokens) + currencyCss(tenant.defaultCurrency, currencies) }} />
      <script id="cf-currency-script" dangerouslySetInnerHTML={{ __html: currencyScript(currencies) }} />
    </head>,
  );
  return `<!DOCTYPE html><html lang="${escape(locale)}">${head}${body}</html>`;
}

/**
 * The tags of the metadata storefront pages give (lib/seo/metadata.ts). Anything else is refused
 * loudly, so that a page never loses a tag without anyone noticing.
 */
function MetadataTags({ metadata }: { metadata: Metadata }) {
  const { title, description, robots, alternates, openGraph, twitter, metadataBase: _base, ...rest } = metadata;
  const unknown = Object.keys(rest);
  if (unknown.length) throw new Error(`storefront document: metadata ${unknown.join(', ')} is not written; add it to MetadataTags`);
  const og = (openGraph ?? {}) as { type?: string; url?: string; title?: string; description?: string; siteName?: string; locale?: string };
  const card = (twitter ?? {}) as { card?: string; title?: string; description?: string };
  const robotsText = robots && typeof robots === 'object' ? `${robots.index === false ? 'noindex' : 'index'}, ${robots.follow === false ? 'nofollow' : 'follow'}` : typeof robots === 'string' ? robots : null;
  const languages = Object.entries((alternates?.languages ?? {}) as Record<string, string>);
  return (
    <>
      {typeof title === 'string' && <title>{title}</title>}
      {description && <meta name="description" content={description} />}
      {robotsText && <meta name="robots" content={robotsText} />}
      {typeof alternates?.canonical === 'string' && <link rel="canonical" href={alternates.canonical} />}
      {languages.map(([lang, href]) => <link key={lang} rel="alternate" hrefLang={lang} href={href} />)}
      {og.title && <meta property="og:title" content={og.title} />}
      {og.description && <meta property="og:description" content={og.description} />}
      {og.url && <meta property="og:url" content={og.url} />}
      {og.siteName && <meta property="og:site_name" content={og.siteName} />}
      {og.locale && <meta property="og:locale" content={og.locale} />}
      {og.type && <meta property="og:type" content={og.type} />}
      {card.card && <meta name="twitter:card" content={card.card} />}
      {card.title && <meta name="twitter:title" content={card.title} />}
      {card.description && <meta name="twitter:description" content={card.description} />}
    </>
  );
}

/**
 * Prices are rendered in every offered currency; this shows the visitor's choice (the cf_currency
 * cookie, read by the script below) or the storefront's default, and marks it in the switcher.
 */
export function currencyCss(defaultCurrency: string, currencies: string[]): string {
  // Currency codes are CSS identifiers, so the attribute values need no quotes.
  const shown = [`html:not([data-currency]) [data-price=${defaultCurrency}]`, ...currencies.map((c) => `html[data-currency=${c}] [data-price=${c}]`)];
  const active = [`html:not([data-currency]) [data-currency-option=${defaultCurrency}]`, ...currencies.map((c) => `html[data-currency=${c}] [data-currency-option=${c}]`)];
  // The portal link is the staff's only: hidden unless the script found the staff cookie.
  return `[data-price]{display:none}${shown.join(',')}{display:inline}${active.join(',')}{font-weight:700;opacity:1}html:not([data-staff]) [data-staff-only]{display:none}`;
}

/** `currencies` are codes checked by the caller (three capitals): they become one pattern. */
export function currencyScript(currencies: string[]): string {
  const codes = currencies.join('|');
  return `(function(){var c=document.cookie,d=document.documentElement.dataset,m=c.match(/(?:^|; )cf_currency=(${codes})(?:;|$)/);if(m)d.currency=m[1];if(/(?:^|; )cf_staff=1/.test(c))d.staff=''})()`;
}

