import { z } from 'zod';
import { endSession } from '@/lib/identity/auth';
import { sessionCookieName } from '@/lib/identity/cookies';
import { guardedRoute } from '@/lib/identity/guard';
import { sessionTokenFrom } from '@/lib/identity/viewer';

export const dynamic = 'force-dynamic';

/** Ends the session on the server (so a copied cookie dies with it) and clears the cookie. */
export const POST = guardedRoute({ permission: 'account', input: z.object({}) }, async ({ db, tenant, request, origin }) => {
  const token = sessionTokenFrom(request.headers.get('cookie'), origin);
  if (token) await endSession(db, tenant.id, token);
  const headers = new Headers({ location: '/signin?notice=signedOut' });
  const name = sessionCookieName(origin);
  headers.append('set-cookie', `${name}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax${name.startsWith('__Host-') ? '; Secure' : ''}`);
  headers.append('set-cookie', 'cf_staff=; Path=/; Max-Age=0; SameSite=Lax');
  return new Response(null, { status: 303, headers });
});
