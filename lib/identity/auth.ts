import { Auth, raw, skipCSRFCheck, type AuthConfig } from '@auth/core';
import type { EmailConfig } from '@auth/core/providers/email';
import { and, eq, gt } from 'drizzle-orm';
import type { Db } from '../db/client';
import { sessions, users } from '../db/schema';
import type { Tenant } from '../tenancy/types';
import { tenantAdapter } from './adapter';
import { acceptInvitations } from './invitations';
import { signInMail } from './mails';
import { sessionCookieName } from './cookies';
import { authSecret } from './secret';
import { forgetViewers } from './viewer';

export const SIGN_IN_LINK_MINUTES = 10;

interface SignInContext {
  tenant: Tenant;
  /** The storefront origin the person is on, as resolved by the proxy (never a raw header). */
  origin: string;
  /** Where the confirm page lives for the person's language, e.g. `/de/signin/confirm`. */
  confirmPath: string;
  locale: string;
}

/**
 * The Auth.js configuration for one storefront and one request. `db` is the request's transaction,
 * scoped to the tenant by row-level security; the adapter names the tenant in every query too.
 */
export function buildConfig(db: Db, tenant: Tenant, origin: string, signIn?: SignInContext): AuthConfig {
  const secure = origin.startsWith('https:');
  const email: EmailConfig = {
    id: 'email',
    type: 'email',
    name: 'Email',
    maxAge: SIGN_IN_LINK_MINUTES * 60,
    options: {},
    async sendVerificationRequest({ identifier, url }) {
      if (!signIn) throw new Error('identity: a sign-in link can only be sent by requestSignInLink()');
      // The mail links to a confirmation page, not to Auth.js's callback: a scanner that opens
      // the link does not use it up; the person's click on "Sign in" (a POST) does.
      const callback = new URL(url);
      const link = new URL(signIn.confirmPath, signIn.origin);
      for (const key of ['token', 'email', 'callbackUrl']) link.searchParams.set(key, callback.searchParams.get(key) ?? '');
      await signInMail(db, { tenant: signIn.tenant, locale: signIn.locale, to: identifier, link: link.toString(), minutes: SIGN_IN_LINK_MINUTES });
    },
  };
  return {
    secret: authSecret(),
    basePath: '/api/auth',
    trustHost: true,
    useSecureCookies: secure,
    cookies: {
      sessionToken: { name: sessionCookieName(origin), options: { httpOnly: true, sameSite: 'lax', path: '/', secure } },
    },
    session: { strategy: 'database', maxAge: 30 * 24 * 60 * 60, updateAge: 24 * 60 * 60 },
    providers: [email],
    pages: { signIn: '/signin', error: '/signin', verifyRequest: '/signin/check-email' },
    adapter: tenantAdapter(db, tenant.id),
    callbacks: {
      // A callback URL pointing off the current host is ignored.
      redirect({ url, baseUrl }) {
        if (url.startsWith('/') && !url.startsWith('//')) return `${baseUrl}${url}`;
        try {
          return new URL(url).origin === new URL(baseUrl).origin ? url : baseUrl;
        } catch {
          return baseUrl;
        }
      },
    },
    events: {
      async signIn({ user }) {
        if (user.id && user.email) await acceptInvitations(db, tenant.id, user.id, user.email);
      },
    },
  };
}

/** Sends a sign-in link to `email` for the storefront. Same outcome for known and unknown addresses. */
export async function requestSignInLink(db: Db, ctx: SignInContext, email: string, callbackUrl: string): Promise<void> {
  const request = new Request(new URL('/api/auth/signin/email', ctx.origin), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ email, callbackUrl }),
  });
  const result = await Auth(request, { ...buildConfig(db, ctx.tenant, ctx.origin, ctx), raw, skipCSRFCheck });
  if (result.redirect && new URL(result.redirect).searchParams.get('error')) {
    throw new Error(`identity: Auth.js refused the sign-in request (${result.redirect})`);
  }
}

/**
 * Completes a sign-in from the confirmation form: Auth.js checks and uses up the token (scoped to
 * this storefront) and answers with the session cookie and a redirect.
 */
export async function completeSignIn(db: Db, tenant: Tenant, origin: string, params: { token: string; email: string; callbackUrl: string }): Promise<Response> {
  const url = new URL('/api/auth/callback/email', origin);
  url.search = new URLSearchParams(params).toString();
  return Auth(new Request(url), buildConfig(db, tenant, origin));
}

/** Ends a session: the row goes, so a copied cookie is worthless too. */
export async function endSession(db: Db, tenantId: string, sessionToken: string): Promise<void> {
  await db.delete(sessions).where(and(eq(sessions.tenantId, tenantId), eq(sessions.sessionToken, sessionToken)));
  forgetViewers(tenantId, sessionToken);
}

export async function findSession(db: Db, tenantId: string, sessionToken: string) {
  const [row] = await db
    .select({ user: users, expires: sessions.expires })
    .from(sessions)
    .innerJoin(users, and(eq(users.tenantId, sessions.tenantId), eq(users.id, sessions.userId)))
    // Bound to the tenant: a session made on another storefront does not exist here.
    .where(and(eq(sessions.sessionToken, sessionToken), eq(sessions.tenantId, tenantId), gt(sessions.expires, new Date())));
  return row ?? null;
}
