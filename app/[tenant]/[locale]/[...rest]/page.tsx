import { notFound } from 'next/navigation';

// Cached like every storefront page, so probing random paths cannot force renders.
export function generateStaticParams(): { rest: string[] }[] {
  return [];
}

/** Any storefront path without a page of its own (including another host written as a path). */
export default function UnknownStorefrontPath(): never {
  notFound();
}
