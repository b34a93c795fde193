/**
 * Sign-in, sessions and API tokens. Wrong email and wrong password give the same answer in the
 * same time (argon2 runs either way); failed sign-ins are limited per account and per address.
 */
import { randomUUID } from 'node:crypto';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { newApiToken } from '../../auth/api-tokens.js';
import { verifyPassword } from '../../auth/passwords.js';
import { signSessionToken } from '../../auth/session-tokens.js';
import {
  accountKey,
  addressKey,
  clearFailures,
  isThrottled,
  lockThrottleKey,
  recordFailure,
} from '../../auth/throttle.js';
import type { AppContext } from '../../context.js';
import { type Database, queryRows } from '../../db/client.js';
import { apiTokens, organizations, sessions, users } from '../../db/schema.js';
import { AppError } from '../../graphql/errors.js';
import { parseId } from '../../graphql/ids.js';
import type { Viewer } from '../../policy/viewer.js';
import { type ApiToken, type CreatedApiToken, MAX_API_TOKEN_DAYS, type Session, type User } from './identity.types.js';

const UNAUTHENTICATED_MESSAGE = 'Wrong email or password.';

export function requireViewer(ctx: AppContext): Viewer {
  if (!ctx.viewer) throw new AppError('UNAUTHENTICATED', 'Sign in first.');
  return ctx.viewer;
}

export async function loadUser(db: Database, userId: string): Promise<User | null> {
  const [row] = await db
    .select({ user: users, organization: { id: organizations.id, name: organizations.name, kind: organizations.kind } })
    .from(users)
    .innerJoin(organizations, eq(organizations.id, users.organizationId))
    .where(eq(users.id, userId));
  if (!row) return null;
  return {
    id: row.user.id,
    email: row.user.email,
    displayName: row.user.displayName,
    roles: row.user.roles,
    active: row.user.active,
    organization: row.organization,
  };
}

export async function login(ctx: AppContext, email: string, password: string): Promise<Session> {
  const tx = await ctx.scope.tx();
  const windowSeconds = ctx.config.loginWindowMinutes * 60;
  const keys = [
    { key: accountKey(email), max: ctx.config.loginMaxFailures },
    { key: addressKey(ctx.http.clientAddress), max: ctx.config.loginMaxFailures * 5 },
  ];
  // Held until this request's transaction commits, so the counts read next are whole: the
  // account's, and the address's (one address trying many accounts at once, password spraying).
  await lockThrottleKey(tx, accountKey(email));
  await lockThrottleKey(tx, addressKey(ctx.http.clientAddress));
  if (await isThrottled(tx, keys, windowSeconds)) {
    ctx.audit.record({ action: 'auth.login', outcome: 'DENIED', detail: { reason: 'rate_limited' } });
    throw new AppError('RATE_LIMITED', 'Too many failed sign-ins. Try again later.', {
      retryAfterSeconds: windowSeconds,
    });
  }

  const [candidate] = await queryRows<{
    id: string;
    password_hash: string | null;
    active: boolean;
    organization_id: string;
  }>(tx, sql`SELECT id, password_hash, active, organization_id FROM users WHERE lower(email) = lower(${email.trim()})`);
  // Always verify, against a dummy hash when there is no such user: the same work, the same time.
  const passwordOk = await verifyPassword(candidate?.password_hash, password);
  if (!candidate || !passwordOk || !candidate.active) {
    await recordFailure(
      tx,
      keys.map((k) => k.key),
      windowSeconds,
    );
    ctx.audit.record({ action: 'auth.login', outcome: 'DENIED', detail: { reason: 'bad_credentials' } });
    throw new AppError('UNAUTHENTICATED', UNAUTHENTICATED_MESSAGE);
  }
  await clearFailures(tx, accountKey(email));

  const sessionId = randomUUID();
  const expiresAt = new Date(Date.now() + ctx.config.sessionTtlMinutes * 60_000);
  await tx.insert(sessions).values({ id: sessionId, userId: candidate.id, expiresAt });
  const token = await signSessionToken(ctx.sessionKey, { userId: candidate.id, sessionId }, expiresAt);
  ctx.http.setSessionCookie(token, expiresAt);
  ctx.audit.identify(candidate.id, candidate.organization_id);
  ctx.audit.record({ action: 'auth.login', outcome: 'ALLOWED' });
  const user = await loadUser(tx, candidate.id);
  if (!user) throw new Error('user vanished during sign-in');
  return { token, expiresAt, user };
}

/** Ends the caller's session (the token stops working at once) and clears the cookie. */
export async function logout(ctx: AppContext): Promise<boolean> {
  ctx.http.clearSessionCookie();
  const viewer = ctx.viewer;
  if (viewer?.via.kind !== 'session') return false;
  const tx = await ctx.scope.tx();
  await tx.update(sessions).set({ revokedAt: new Date() }).where(eq(sessions.id, viewer.via.sessionId));
  ctx.audit.record({ action: 'auth.logout', outcome: 'ALLOWED' });
  return true;
}

export async function me(ctx: AppContext): Promise<User> {
  const viewer = requireViewer(ctx);
  const user = await loadUser(await ctx.scope.tx(), viewer.userId);
  if (!user) throw new AppError('UNAUTHENTICATED', 'Sign in first.');
  return user;
}

const toApiToken = (row: typeof apiTokens.$inferSelect): ApiToken => ({
  id: row.id,
  name: row.name,
  createdAt: row.createdAt,
  expiresAt: row.expiresAt,
  revokedAt: row.revokedAt,
  lastUsedAt: row.lastUsedAt,
});

export async function createApiToken(ctx: AppContext, name: string, expiresInDays: number): Promise<CreatedApiToken> {
  const viewer = requireViewer(ctx);
  const trimmed = name.trim();
  if (trimmed.length < 1 || trimmed.length > 100) {
    throw new AppError('BAD_USER_INPUT', 'A token name has 1 to 100 characters.', { paths: [['name']] });
  }
  if (!Number.isInteger(expiresInDays) || expiresInDays < 1 || expiresInDays > MAX_API_TOKEN_DAYS) {
    throw new AppError('BAD_USER_INPUT', `A token lasts 1 to ${MAX_API_TOKEN_DAYS} days.`, {
      paths: [['expiresInDays']],
    });
  }
  return ctx.scope.mutate(async (tx) => {
    const { token, hash } = newApiToken();
    const [row] = await tx
      .insert(apiTokens)
      .values({
        userId: viewer.userId,
        name: trimmed,
        tokenHash: hash,
        expiresAt: new Date(Date.now() + expiresInDays * 86_400_000),
      })
      .returning();
    if (!row) throw new Error('token insert returned nothing');
    ctx.audit.record({ action: 'token.create', outcome: 'ALLOWED', detail: { tokenId: row.id } });
    return { token, apiToken: toApiToken(row) };
  });
}

export async function listApiTokens(ctx: AppContext): Promise<ApiToken[]> {
  const viewer = requireViewer(ctx);
  const tx = await ctx.scope.tx();
  const rows = await tx
    .select()
    .from(apiTokens)
    .where(eq(apiTokens.userId, viewer.userId))
    .orderBy(apiTokens.createdAt);
  return rows.map(toApiToken);
}

/** Revokes one of the caller's own tokens; another user's token id is NOT_FOUND. */
export async function revokeApiToken(ctx: AppContext, rawId: string): Promise<ApiToken> {
  const viewer = requireViewer(ctx);
  const id = parseId(rawId, 'No such API token.');
  return ctx.scope.mutate(async (tx) => {
    const [row] = await tx
      .update(apiTokens)
      .set({ revokedAt: new Date() })
      .where(and(eq(apiTokens.id, id), eq(apiTokens.userId, viewer.userId), isNull(apiTokens.revokedAt)))
      .returning();
    if (!row) {
      const [existing] = await tx
        .select()
        .from(apiTokens)
        .where(and(eq(apiTokens.id, id), eq(apiTokens.userId, viewer.userId)));
      if (existing) return toApiToken(existing);
      ctx.audit.record({ action: 'token.revoke', outcome: 'DENIED', detail: { reason: 'not_found' } });
      throw new AppError('NOT_FOUND', 'No such API token.');
    }
    ctx.audit.record({ action: 'token.revoke', outcome: 'ALLOWED', detail: { tokenId: row.id } });
    return toApiToken(row);
  });
}
