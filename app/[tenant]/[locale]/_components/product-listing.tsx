import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import type { ListQuery } from '@/lib/catalog/browse';
import { storefrontFacets, storefrontListing, storefrontSearchResults } from '@/lib/catalog/storefront';
import { localePath } from '@/lib/i18n/locales';
import { storefrontMetadata } from '@/lib/seo/metadata';
import type { Tenant } from '@/lib/tenancy/types';
import { getTheme } from '@/themes';
import { ThemedProductCard } from './product-card';
import { StorefrontFrame } from './storefront-frame';

const PAGE_SIZE = 24;

/**
 * The product list's title, description and links at its public `path`. Search results are not a
 * page of their own for search engines (`index: false`): the list is.
 */
export async function productListMetadata(tenant: Tenant, locale: string, path: string, options: { index: boolean }): Promise<Metadata> {
  const t = await getTranslations({ locale, namespace: 'catalog' });
  const metadata = await storefrontMetadata(tenant, locale, path, { title: `${t('title')} · ${tenant.name}`, description: t('description', { store: tenant.name }) });
  return options.index ? metadata : { ...metadata, robots: { index: false, follow: true } };
}

/** The product list: category navigation, search and filters, results and paging. */
export async function ProductListing({ tenant, locale, query, cachedPage = false }: { tenant: Tenant; locale: string; query: ListQuery; cachedPage?: boolean }) {
  const t = await getTranslations({ locale, namespace: 'catalog' });
  const theme = getTheme(tenant.theme);
  const [facets, result] = await Promise.all([
    storefrontFacets(tenant),
    cachedPage && query.q ? storefrontSearchResults(tenant, { ...query, q: query.q, pageSize: PAGE_SIZE, locale }) : storefrontListing(tenant, { ...query, pageSize: PAGE_SIZE, locale }),
  ]);
  const base = localePath(locale, tenant.defaultLocale, '/products');
  const link = (changes: Record<string, string | number | undefined>) => {
    const next = new URLSearchParams();
    for (const [k, v] of Object.entries({ ...query, page: undefined, ...changes })) {
      if (v !== undefined && v !== '' && !(k === 'page' && Number(v) === 1)) next.set(k, String(v));
    }
    const qs = next.toString();
    return qs ? `${base}?${qs}` : base;
  };
  const localName = (name: Record<string, string>) => name[locale] ?? name.en ?? '';

  return (
    <StorefrontFrame tenant={tenant} locale={locale} path="/products">
      <theme.ProductList
        heading={t('title')}
        categories={
          <ul className="flex flex-col gap-1" data-testid="categories">
            <li>
              <a href={link({ category: undefined })} aria-current={!query.category ? 'page' : undefined} className="block rounded-theme px-3 py-1.5 hover:bg-surface aria-[current=page]:bg-primary aria-[current=page]:text-primary-text">
                {t('allCategories')}
              </a>
            </li>
            {facets.categories.map((c) => (
              <li key={c.slug}>
                <a href={link({ category: c.slug })} aria-current={query.category === c.slug ? 'page' : undefined} className="block rounded-theme px-3 py-1.5 hover:bg-surface aria-[current=page]:bg-primary aria-[current=page]:text-primary-text">
                  {localName(c.name)}
                </a>
              </li>
            ))}
          </ul>
        }
        search={
          <form method="get" action={base} className="flex flex-wrap items-end gap-3 text-sm" role="search">
            {query.category && <input type="hidden" name="category" value={query.category} />}
            <label className="flex min-w-56 flex-1 flex-col gap-1">
              <span className="sr-only">{t('search')}</span>
              <input type="search" name="q" defaultValue={query.q} placeholder={t('search')} autoComplete="off" data-suggest="cf-suggest" className="rounded-theme border border-line bg-surface px-3 py-2" />
              <span className="relative">
                <ul id="cf-suggest" aria-label={t('suggestions')} hidden data-testid="suggestions"
                  className="absolute inset-x-0 top-1 z-10 rounded-theme border border-line bg-surface py-1 [box-shadow:var(--shadow-lg)]" />
                {/* One suggestion, cloned by the script: its classes are in the page, so the page's inlined CSS styles it. */}
                <template id="cf-suggest-item"><li><a className="block px-3 py-1.5 hover:bg-primary hover:text-primary-text" href="/products">-</a></li></template>
              </span>
            </label>
            <label className="flex flex-col gap-1">
              <span className="text-muted">{t('vendor')}</span>
              <select name="vendor" defaultValue={query.vendor ?? ''} className="rounded-theme border border-line bg-surface px-3 py-2">
                <option value="">{t('anyVendor')}</option>
                {facets.vendors.map((v) => <option key={v.slug} value={v.slug}>{v.name}</option>)}
              </select>
            </label>
            <label className="flex flex-col gap-1">
              <span className="text-muted">{t('period')}</span>
              <select name="period" defaultValue={query.period ?? ''} className="rounded-theme border border-line bg-surface px-3 py-2">
                <option value="">{t('anyPeriod')}</option>
                <option value="month">{t('monthly')}</option>
                <option value="year">{t('annual')}</option>
              </select>
            </label>
            <button type="submit" className="rounded-theme bg-primary px-4 py-2 font-medium text-primary-text">{t('searchButton')}</button>
            {/* Suggestions as you type, from /api/search/suggest: a few hundred bytes, and the form works
                without it. Last in the form: the parser may paint where it stops for a script, and a form
                painted up to its search box alone moved when its selects arrived (a layout shift). */}
            <script dangerouslySetInnerHTML={{ __html: suggestScript(locale) }} />
          </form>
        }
        count={<h2 className="text-sm font-normal text-muted" data-testid="result-count">{t('results', { count: result.total })}</h2>}
        results={
          <>
          {result.items.length === 0 ? (
            <p>{t('noResults')}</p>
          ) : (
            <div data-testid="product-list">
              <theme.ProductGrid>
                {result.items.map((product) => <ThemedProductCard key={product.id} tenant={tenant} locale={locale} product={product} />)}
              </theme.ProductGrid>
            </div>
          )}
          </>
        }
        pagination={
          <>
          {result.pages > 1 && (
            <nav className="mt-8 flex items-center justify-between text-sm" aria-label={t('page', { page: result.page, pages: result.pages })}>
              {result.page > 1 ? <a href={link({ page: result.page - 1 })} rel="prev" className="text-primary">← {t('previous')}</a> : <span />}
              <span className="text-muted">{t('page', { page: result.page, pages: result.pages })}</span>
              {result.page < result.pages ? <a href={link({ page: result.page + 1 })} rel="next" className="text-primary">{t('next')} →</a> : <span />}
            </nav>
          )}
          </>
        }
      />
    </StorefrontFrame>
  );
}

function suggestScript(locale: string): string {
  return `(function(){var i=document.querySelector('input[data-suggest]'),l=i&&document.getElementById(i.getAttribute('data-suggest')),t,last='';if(!l||!window.fetch)return;i.addEventListener('input',function(){clearTimeout(t);t=setTimeout(function(){var q=i.value.trim();if(q===last)return;last=q;if(q.length<2){l.hidden=true;return}fetch('/api/search/suggest?locale=${encodeURIComponent(locale)}&q='+encodeURIComponent(q)).then(function(r){return r.ok?r.json():{suggestions:[]}}).then(function(d){if(q!==last)return;l.textContent='';d.suggestions.forEach(function(s){var li=document.getElementById('cf-suggest-item').content.firstChild.cloneNode(true),a=li.firstChild;a.href=s.url;a.textContent=s.name;l.appendChild(li)});l.hidden=!d.suggestions.length}).catch(function(){})},150)})})()`;
}
