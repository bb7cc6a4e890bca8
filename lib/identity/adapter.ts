import type { Adapter, AdapterAccount, AdapterSession, AdapterUser, VerificationToken } from '@auth/core/adapters';
import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { forgetViewers } from './viewer';
import { accounts, sessions, users, verificationTokens } from '../db/schema';

/**
 * The Auth.js adapter for one storefront: every read and write names `tenantId` itself (and runs
 * inside that tenant's row-level-security transaction), so a person, session or sign-in link of
 * one storefront does not exist on another.
 */
export function tenantAdapter(db: Db, tenantId: string): Adapter {
  const user = (row: typeof users.$inferSelect): AdapterUser => ({
    id: row.id,
    email: row.email,
    emailVerified: row.emailVerified,
    name: row.name,
    image: row.image,
  });
  const userWhere = (id: string) => and(eq(users.tenantId, tenantId), eq(users.id, id));
  const sessionWhere = (token: string) => and(eq(sessions.tenantId, tenantId), eq(sessions.sessionToken, token));
  return {
    async createUser(data) {
      const [row] = await db
        .insert(users)
        .values({ tenantId, email: data.email.toLowerCase(), emailVerified: data.emailVerified, name: data.name ?? null, image: data.image ?? null })
        .returning();
      return user(row!);
    },
    async getUser(id) {
      const [row] = await db.select().from(users).where(userWhere(id));
      return row ? user(row) : null;
    },
    async getUserByEmail(email) {
      const [row] = await db.select().from(users).where(and(eq(users.tenantId, tenantId), eq(users.email, email.toLowerCase())));
      return row ? user(row) : null;
    },
    async getUserByAccount({ provider, providerAccountId }) {
      const [row] = await db
        .select({ user: users })
        .from(accounts)
        .innerJoin(users, and(eq(users.tenantId, accounts.tenantId), eq(users.id, accounts.userId)))
        .where(and(eq(accounts.tenantId, tenantId), eq(accounts.provider, provider), eq(accounts.providerAccountId, providerAccountId)));
      return row ? user(row.user) : null;
    },
    async updateUser({ id, ...data }) {
      const [row] = await db
        .update(users)
        .set({
          ...(data.name !== undefined ? { name: data.name } : {}),
          ...(data.image !== undefined ? { image: data.image } : {}),
          ...(data.emailVerified !== undefined ? { emailVerified: data.emailVerified } : {}),
        })
        .where(userWhere(id))
        .returning();
      if (!row) throw new Error('identity: no such user on this storefront');
      return user(row);
    },
    async deleteUser(id) {
      await db.delete(users).where(userWhere(id));
    },
    async linkAccount(account: AdapterAccount) {
      await db.insert(accounts).values({
        tenantId,
        userId: account.userId,
        type: account.type,
        provider: account.provider,
        providerAccountId: account.providerAccountId,
        refresh_token: account.refresh_token ?? null,
        access_token: account.access_token ?? null,
        expires_at: account.expires_at ?? null,
        token_type: account.token_type ?? null,
        scope: account.scope ?? null,
        id_token: account.id_token ?? null,
        session_state: typeof account.session_state === 'string' ? account.session_state : null,
      });
    },
    async unlinkAccount({ provider, providerAccountId }) {
      await db.delete(accounts).where(and(eq(accounts.tenantId, tenantId), eq(accounts.provider, provider), eq(accounts.providerAccountId, providerAccountId)));
    },
    async createSession(data): Promise<AdapterSession> {
      await db.insert(sessions).values({ tenantId, sessionToken: data.sessionToken, userId: data.userId, expires: data.expires });
      return data;
    },
    async getSessionAndUser(sessionToken) {
      const [row] = await db
        .select({ session: sessions, user: users })
        .from(sessions)
        .innerJoin(users, and(eq(users.tenantId, sessions.tenantId), eq(users.id, sessions.userId)))
        .where(sessionWhere(sessionToken));
      if (!row) return null;
      return { session: { sessionToken: row.session.sessionToken, userId: row.session.userId, expires: row.session.expires }, user: user(row.user) };
    },
    async updateSession(data) {
      const [row] = await db
        .update(sessions)
        .set({ ...(data.expires ? { expires: data.expires } : {}) })
        .where(sessionWhere(data.sessionToken))
        .returning();
      return row ? { sessionToken: row.sessionToken, userId: row.userId, expires: row.expires } : null;
    },
    async deleteSession(sessionToken) {
      await db.delete(sessions).where(sessionWhere(sessionToken));
      forgetViewers(tenantId, sessionToken);
    },
    async createVerificationToken(data: VerificationToken) {
      await db.insert(verificationTokens).values({ tenantId, identifier: data.identifier, token: data.token, expires: data.expires });
      return data;
    },
    // A link is valid once, and only on the storefront that issued it.
    async useVerificationToken({ identifier, token }) {
      const [row] = await db
        .delete(verificationTokens)
        .where(and(eq(verificationTokens.tenantId, tenantId), eq(verificationTokens.identifier, identifier), eq(verificationTokens.token, token)))
        .returning();
      return row ? { identifier: row.identifier, token: row.token, expires: row.expires } : null;
    },
  };
}
