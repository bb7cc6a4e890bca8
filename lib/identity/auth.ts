import { AsyncLocalStorage } from 'node:async_hooks';
import { Auth, raw, skipCSRFCheck, type AuthConfig } from '@auth/core';
import type { EmailConfig } from '@auth/core/providers/email';
import { DrizzleAdapter } from '@auth/drizzle-adapter';
import { and, eq, gt } from 'drizzle-orm';
import { getDb } from '../db';
import type { Db } from '../db/client';
import { accounts, sessions, users, verificationTokens } from '../db/schema';
import type { Tenant } from '../tenancy/types';
import { acceptInvitations } from './invitations';
import { signInMail } from './mails';
import { authSecret } from './secret';
import { currentTenantId, runForTenant } from './tenant-context';

export const SIGN_IN_LINK_MINUTES = 10;
export const SESSION_COOKIES = ['__Secure-authjs.session-token', 'authjs.session-token'];

interface SignInContext {
  tenant: Tenant;
  /** The storefront origin the person is on, as resolved by the proxy (never a raw header). */
  origin: string;
  /** Where the confirm page lives for the person's language, e.g. `/de/signin/confirm`. */
  confirmPath: string;
  locale: string;
}

// The Auth.js configuration is the same for every storefront; which storefront a call is for
// travels in the tenant context (./tenant-context) and scopes every adapter read and write.
const configs = new WeakMap<Db, AuthConfig>();
// The storefront details of the sign-in being requested, for the mail (same pattern as the tenant).
const signInContext = new AsyncLocalStorage<SignInContext>();

async function authConfig(): Promise<AuthConfig> {
  const db = await getDb();
  let config = configs.get(db);
  if (!config) configs.set(db, (config = buildConfig(db)));
  return config;
}

export function buildConfig(db: Db): AuthConfig {
  const base = DrizzleAdapter(db, {
    usersTable: users,
    accountsTable: accounts,
    sessionsTable: sessions,
    verificationTokensTable: verificationTokens,
    // Our tables add tenant_id (filled from the tenant context) to the adapter's columns.
  } as unknown as Parameters<typeof DrizzleAdapter<Db>>[1]);
  const email: EmailConfig = {
    id: 'email',
    type: 'email',
    name: 'Email',
    maxAge: SIGN_IN_LINK_MINUTES * 60,
    options: {},
    async sendVerificationRequest({ identifier, url }) {
      const ctx = signInContext.getStore();
      if (!ctx) throw new Error('identity: sign-in link requested outside requestSignInLink()');
      // The mail links to a confirmation page, not to Auth.js's callback: a scanner that opens
      // the link does not use it up; the person's click on "Sign in" (a POST) does.
      const callback = new URL(url);
      const link = new URL(ctx.confirmPath, ctx.origin);
      for (const key of ['token', 'email', 'callbackUrl']) link.searchParams.set(key, callback.searchParams.get(key) ?? '');
      await signInMail(db, { tenant: ctx.tenant, locale: ctx.locale, to: identifier, link: link.toString(), minutes: SIGN_IN_LINK_MINUTES });
    },
  };
  return {
    secret: authSecret(),
    basePath: '/api/auth',
    trustHost: true,
    session: { strategy: 'database', maxAge: 30 * 24 * 60 * 60, updateAge: 24 * 60 * 60 },
    providers: [email],
    pages: { signIn: '/signin', error: '/signin', verifyRequest: '/signin/check-email' },
    adapter: {
      ...base,
      // A person is a user of one storefront: look them up there only.
      async getUserByEmail(address: string) {
        const [row] = await db.select().from(users).where(and(eq(users.tenantId, currentTenantId()), eq(users.email, address)));
        return row ?? null;
      },
      // A link is valid only on the storefront that issued it.
      async useVerificationToken({ identifier, token }: { identifier: string; token: string }) {
        const [row] = await db
          .delete(verificationTokens)
          .where(and(eq(verificationTokens.tenantId, currentTenantId()), eq(verificationTokens.identifier, identifier), eq(verificationTokens.token, token)))
          .returning();
        return row ? { identifier: row.identifier, token: row.token, expires: row.expires } : null;
      },
    },
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
        if (user.id && user.email) await acceptInvitations(db, currentTenantId(), user.id, user.email);
      },
    },
  };
}

/** Sends a sign-in link to `email` for the storefront. Same outcome for known and unknown addresses. */
export async function requestSignInLink(ctx: SignInContext, email: string, callbackUrl: string): Promise<void> {
  const cfg = await authConfig();
  const request = new Request(new URL('/api/auth/signin/email', ctx.origin), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ email, callbackUrl }),
  });
  await signInContext.run(ctx, () => runForTenant(ctx.tenant.id, async () => {
    const result = await Auth(request, { ...cfg, raw, skipCSRFCheck });
    if (result.redirect && new URL(result.redirect).searchParams.get('error')) {
      throw new Error(`identity: Auth.js refused the sign-in request (${result.redirect})`);
    }
  }));
}

/**
 * Completes a sign-in from the confirmation form: Auth.js checks and uses up the token (scoped to
 * this storefront) and answers with the session cookie and a redirect.
 */
export async function completeSignIn(tenant: Tenant, origin: string, params: { token: string; email: string; callbackUrl: string }): Promise<Response> {
  const cfg = await authConfig();
  const url = new URL('/api/auth/callback/email', origin);
  url.search = new URLSearchParams(params).toString();
  return runForTenant(tenant.id, () => Auth(new Request(url), cfg));
}

/** Ends a session: the row goes, so a copied cookie is worthless too. */
export async function endSession(db: Db, tenantId: string, sessionToken: string): Promise<void> {
  await db.delete(sessions).where(and(eq(sessions.tenantId, tenantId), eq(sessions.sessionToken, sessionToken)));
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
