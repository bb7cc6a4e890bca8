import type { ShelfProduct } from '../catalog/queries';
import { minorToDecimal } from '../money';

/**
 * schema.org `Product` with one `Offer` per plan, in the storefront's own currency and sell
 * prices (per seat and billing period), so a search result can show this storefront's price.
 */
export function productJsonLd(product: ShelfProduct, options: { locale: string; url: string; currency: string; seller: string }): Record<string, unknown> {
  const text = (v: Record<string, string>) => v[options.locale] ?? v.en ?? '';
  const offers = product.plans
    .filter((plan) => plan.prices[options.currency] !== undefined)
    .map((plan) => ({
      '@type': 'Offer',
      name: text(plan.name),
      sku: plan.sku,
      price: minorToDecimal(plan.prices[options.currency]!, options.currency),
      priceCurrency: options.currency,
      availability: 'https://schema.org/InStock',
      url: options.url,
      seller: { '@type': 'Organization', name: options.seller },
      priceSpecification: {
        '@type': 'UnitPriceSpecification',
        price: minorToDecimal(plan.prices[options.currency]!, options.currency),
        priceCurrency: options.currency,
        referenceQuantity: { '@type': 'QuantitativeValue', value: 1, unitCode: plan.billingPeriod === 'month' ? 'MON' : 'ANN' },
      },
    }));
  return {
    '@context': 'https://schema.org',
    '@type': 'Product',
    name: text(product.name),
    description: text(product.description),
    sku: product.sku,
    brand: { '@type': 'Brand', name: product.vendor },
    category: text(product.category),
    url: options.url,
    ...(offers.length ? { offers } : {}),
  };
}

/** JSON for a `<script type="application/ld+json">`: nothing in it can close the script element. */
export function jsonLdScript(data: unknown): string {
  return JSON.stringify(data).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}
