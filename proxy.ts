import type { NextRequest } from 'next/server';
import { dispatch } from './lib/middleware/dispatch';

/** Every request passes here: host → tenant → locale → internal tenant route (lib/middleware). */
export default function proxy(request: NextRequest) {
  return dispatch(request);
}

export const config = {
  // Everything but build assets, including paths with a dot: a request that skipped the proxy
  // could otherwise address the internal tenant segment directly.
  matcher: ['/((?!_next/static|_next/image).*)'],
};
