import { NextResponse, type NextRequest } from 'next/server';
import type { Tenant } from '../tenancy/types';
import { routeLocale } from './storefront';

// What a storefront in service mode still serves: its customers' accounts and sign-in, the
// read-only portal, and its content pages (terms, imprint). The home page carries the notice.
const OPEN_PAGE = /^\/[^/]+\/[a-z]{2}(?:\/(?:account|signin|admin|pages)(?:\/.*)?)?$/;

/**
 * For a storefront in service mode (lib/tenancy/types.ts inServiceMode): its catalog, product
 * pages, cart and checkout show the home page's neutral notice instead, under their own address;
 * null for what it still serves as usual.
 */
export function serviceModeRewrite(request: NextRequest, tenant: Tenant): NextResponse | null {
  const route = routeLocale(request.nextUrl.pathname, tenant);
  if (route.kind === 'redirect' || OPEN_PAGE.test(route.pathname)) return null;
  const target = request.nextUrl.clone();
  target.pathname = route.pathname.replace(/^(\/[^/]+\/[a-z]{2}).*$/, '$1');
  target.search = '';
  return NextResponse.rewrite(target);
}
